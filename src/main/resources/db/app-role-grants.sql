-- Run after every migration on PostgreSQL by the Flyway callback AppRoleGrants, as the owner role that runs
-- the migrations, with ${app_role} replaced by BACKSTORY_DB_APP_ROLE. The
-- application itself connects as a separate role (BACKSTORY_DB_APP_ROLE, see docs/postgresql-roles.sql
-- and docs/deployment.md) that may read and write the clinic's data but only read and append the
-- audit trail: not being the owner it cannot ALTER or DROP audit_event or its triggers, and it is not
-- granted UPDATE, DELETE or TRUNCATE on it (the triggers refuse those as well). Without an app role
-- configured (the demo, a single-role install) this does nothing.
do $$
declare
    app_role text := '${app_role}';
begin
    if app_role = '' then
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = app_role) then
        raise exception 'BACKSTORY_DB_APP_ROLE: role % does not exist; create it first (docs/postgresql-roles.sql)', app_role;
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), app_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), app_role);
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), app_role);
    execute format('revoke update, delete, truncate, references, trigger on audit_event from %I', app_role);
    execute format('revoke all on %I from %I', 'flyway_schema_history', app_role);
end
$$;
