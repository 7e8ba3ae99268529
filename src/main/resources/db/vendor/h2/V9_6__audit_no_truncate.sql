-- H2 triggers cannot see TRUNCATE, but H2 refuses to truncate (or drop) a table that another table's
-- foreign key references: this empty guard table makes "truncate table audit_event" fail as the
-- PostgreSQL truncate trigger does. audit_event's key is (id) today; should it become
-- (clinic_id, id) for distribution, this reference moves with it.
create table audit_event_guard (
    audit_event_id  bigint primary key,
    constraint fk_audit_event_guard foreign key (audit_event_id) references audit_event (id)
);
