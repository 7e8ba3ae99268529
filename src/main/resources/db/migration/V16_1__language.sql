-- Issue 16: the language a person reads the app in (null: their browser's) and a patient's language for messages
-- (null: the clinic's default). IETF language tags such as 'es'.
alter table user_account add column language varchar(16);
alter table patient add column language varchar(16);
