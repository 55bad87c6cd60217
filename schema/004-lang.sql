-- 004-lang: the language a user reads crm in where there is no terminal
-- of theirs (their mail from cron): 'en', 'zh_CN', or NULL for the
-- team's default (the setting ui.lang).

ALTER TABLE users ADD COLUMN lang TEXT;
