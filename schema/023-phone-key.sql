-- 023-phone-key: a phone's duplicate key is the number as it is dialled
-- in mainland China (lib/norm.c, crm_phone_check): +86 21 1234 5678 and
-- 021-12345678 are one key, 02112345678, where the old key dropped +86
-- and left 2112345678; 86-138-0013-8000 is 13800138000; another
-- country's number keeps its country code after 00 (+1 415 555 0100 is
-- 0014155550100, no longer the mainland 14155550100). Every key is
-- recomputed by the function that makes new ones, crm_phone_key(), so
-- that old and new records compare (a phone crm no longer reads as one
-- keeps no key, as a new record would). Customers that the new rule
-- finds to share a phone are listed by crm check, as any duplicate is.
UPDATE customers SET phone_key = crm_phone_key(phone)
	WHERE phone_key IS NOT crm_phone_key(phone);
UPDATE leads SET phone_key = crm_phone_key(phone)
	WHERE phone_key IS NOT crm_phone_key(phone);
