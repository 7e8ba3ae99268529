-- The embedded database enforces the same append-only audit trail as PostgreSQL, with a Java trigger.
create trigger audit_event_no_update before update on audit_event
    for each row call "io.backstory.security.AuditAppendOnlyTrigger";
create trigger audit_event_no_delete before delete on audit_event
    for each row call "io.backstory.security.AuditAppendOnlyTrigger";
