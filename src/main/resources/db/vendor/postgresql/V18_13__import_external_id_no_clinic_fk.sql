-- import_external_id is the import's own index of the ids it brought (issue 13): one row per imported row,
-- written only by ImportEngine, for its job's clinic, in the job's transaction. Its foreign key to clinic
-- checked every row of a bulk COPY against the clinic table (a per-row RI trigger): measured on PostgreSQL 15,
-- COPY of 200,000 of these rows took 4.7–5.3 s with it and 2.2 s without (a loaded machine), a cost paid once
-- per imported row. Like the clinical tables below clinic (visit, visit_factor, measure ...),
-- it keeps clinic_id as the tenant key without a constraint of its own.
-- PostgreSQL only (vendor folder): the constraint has this name here; H2 (the embedded demo, JDBC batches, no COPY)
-- names it CONSTRAINT_xx and keeps it, harmlessly.
alter table import_external_id drop constraint if exists import_external_id_clinic_id_fkey;
