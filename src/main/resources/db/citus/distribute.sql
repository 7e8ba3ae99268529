-- Distributes a Backstory database on Citus (DESIGN §7, docs/deployment.md "Citus").
-- Run once on the coordinator, as the schema owner, after Flyway has migrated the schema and with the app stopped:
--   psql "$COORDINATOR_URL" -v ON_ERROR_STOP=1 -f distribute.sql
-- TenantSchemaTest keeps this script in step with the schema: every tenant table (with clinic_id) is distributed
-- by clinic_id in one colocation group, every clinic-less or global table is a reference table, and a table
-- appears after every table its foreign keys point to (Citus needs the referenced table distributed first).
-- flyway_schema_history stays a plain table on the coordinator, and so does login_attempt (the sign-in throttle's
-- failures: written and read only by the sign-in path, never joined with clinic data).
-- The modules' published read views (V20_1: patients_discharged_episode, visits_episode_plan, ...) need no step: they
-- are plain views over tenant tables of this one colocation group, keyed by clinic_id, which the coordinator expands
-- into the query before Citus routes it, so a report's statement still names one clinic's colocated shards. Citus
-- (11 and later) accepts distributing a table that views already depend on (its view_propagation regression test).

begin;

-- Reference tables: copied to every worker. Clinics and the shared intervention catalogue have no clinic (or
-- NULL for the shared rows); accounts are global because sign-in looks a person up by username or link-token
-- hash before their clinic is known.
select create_reference_table('clinic');
select create_reference_table('intervention');
select create_reference_table('user_account');
select create_reference_table('user_role');
select create_reference_table('mfa_factor');
select create_reference_table('mfa_recovery_code');
select create_reference_table('account_token');

-- Tenant tables: sharded by clinic_id, all colocated with location, so every query of one clinic (the only kind
-- the app runs, DESIGN §7) is routed to one worker, joins included.
select create_distributed_table('location', 'clinic_id');
select create_distributed_table('clinic_settings', 'clinic_id', colocate_with => 'location');
select create_distributed_table('patient', 'clinic_id', colocate_with => 'location');
select create_distributed_table('episode', 'clinic_id', colocate_with => 'location');
select create_distributed_table('visit', 'clinic_id', colocate_with => 'location');
select create_distributed_table('visit_intervention', 'clinic_id', colocate_with => 'location');
select create_distributed_table('follow_up', 'clinic_id', colocate_with => 'location');
select create_distributed_table('check_in_link', 'clinic_id', colocate_with => 'location');
select create_distributed_table('outbox_message', 'clinic_id', colocate_with => 'location');
-- wrong check-in link tokens (issue 12): all rows have clinic_id 0 (no clinic), so they sit on one shard
select create_distributed_table('check_in_attempt', 'clinic_id', colocate_with => 'location');
select create_distributed_table('measure', 'clinic_id', colocate_with => 'location');
select create_distributed_table('recurrence', 'clinic_id', colocate_with => 'location');
select create_distributed_table('report_episode', 'clinic_id', colocate_with => 'location');
select create_distributed_table('import_job', 'clinic_id', colocate_with => 'location');
select create_distributed_table('import_file', 'clinic_id', colocate_with => 'location');
select create_distributed_table('import_problem', 'clinic_id', colocate_with => 'location');
select create_distributed_table('import_mapping', 'clinic_id', colocate_with => 'location');
select create_distributed_table('import_code', 'clinic_id', colocate_with => 'location');
select create_distributed_table('import_external_id', 'clinic_id', colocate_with => 'location');
-- clinic_id 0 holds the audit rows that belong to no clinic (AuditLog.NO_CLINIC).
select create_distributed_table('audit_event', 'clinic_id', colocate_with => 'location');

commit;

-- The audit trail's append-only triggers (db/vendor/postgresql/V2): Citus documents that triggers on distributed
-- tables are not propagated by default. Re-create them on every shard (Citus docs, "Triggers on Distributed
-- Tables"); the function must exist on the workers first (run_command_on_workers). NOT verified here: Citus could
-- not be installed on the development machines (see docs/deployment.md).
--   select run_command_on_workers($cmd$ create or replace function audit_event_append_only() returns trigger
--       language plpgsql as $f$ begin raise exception 'audit_event is append-only: % is not allowed', tg_op; end; $f$ $cmd$);
--   select run_command_on_shards('audit_event', $cmd$ create trigger audit_event_no_update_delete before update or delete
--       on %s for each row execute function audit_event_append_only() $cmd$);
--   select run_command_on_shards('audit_event', $cmd$ create trigger audit_event_no_truncate before truncate
--       on %s for each statement execute function audit_event_append_only() $cmd$);
