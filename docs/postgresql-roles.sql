-- Backstory on PostgreSQL with two roles (issue 9 item 7, docs/deployment.md "Database roles").
-- Run once as a superuser (psql -U postgres -f docs/postgresql-roles.sql), after choosing passwords.
--
--   backstory_owner  owns the schema and runs the Flyway migrations (SPRING_FLYWAY_USER/PASSWORD).
--   backstory_app    what the running application connects as (SPRING_DATASOURCE_USERNAME/PASSWORD):
--                    reads and writes clinic data, only reads and appends the audit trail. Not being
--                    the owner it cannot ALTER or DROP audit_event or disable its triggers, and it has
--                    no UPDATE, DELETE or TRUNCATE on it. The grants are (re)applied after every
--                    migration by the Flyway callback AppRoleGrants (src/main/resources/db/app-role-grants.sql)
--                    when BACKSTORY_DB_APP_ROLE=backstory_app is set.

create role backstory_owner login password 'change-me-owner';
create role backstory_app login password 'change-me-app' nosuperuser nocreatedb nocreaterole noinherit;

create database backstory owner backstory_owner;
\connect backstory
-- PostgreSQL 15+ no longer lets every role create objects in public; make it explicit for older versions.
revoke create on schema public from public;
alter schema public owner to backstory_owner;
grant usage on schema public to backstory_app;
