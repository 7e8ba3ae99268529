-- Issue 16: the language of check-in messages and the check-in page for patients without one of their own
-- (null: English, or the browser's on the page). An IETF tag such as 'es'; the clinic table is already distributed.
alter table clinic add column default_language varchar(16);
