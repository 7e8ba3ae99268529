#!/bin/sh
# First start of the compose database: the application's own role (docs/postgresql-roles.sql). The
# migrations run as the owner (POSTGRES_USER); the app connects as backstory_app, which the Flyway
# afterMigrate callback grants data rights but no way to alter, drop or empty the audit trail.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
create role backstory_app login password '${BACKSTORY_APP_DB_PASSWORD}' nosuperuser nocreatedb nocreaterole noinherit;
grant usage on schema public to backstory_app;
SQL
