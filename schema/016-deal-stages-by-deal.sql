-- 016-deal-stages-by-deal: the stage history is read by deal (the funnel,
-- a deal's history, crm check) and by run (crm undo), never by stage:
-- deal_stages_to (to_stage, at) served no query, and every import and
-- move paid for it — an import of a million deals (1.75 million history
-- rows) spent 2.5 s of its 13 building it, and it was 64 MB of the
-- database.

DROP INDEX IF EXISTS deal_stages_to;
