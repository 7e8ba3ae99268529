package io.backstory.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only trail of every read and write of patient data (DESIGN §6, HIPAA-style access
 * logging). It records who, what and which id, never the data itself, so the trail holds no PHI.
 * It joins the caller's transaction: a write and its audit row commit or roll back together.
 */
@Service
public class AuditLog {

    public enum Action { READ, CREATE, UPDATE, DELETE, EXPORT, LOGIN, LOGIN_FAILED }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(Action action, String entity, Object entityId) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof BackstoryUser user) {
            insert(user.clinicId(), user.getUsername(), action, entity, String.valueOf(entityId));
        } else {
            insert(null, auth == null ? "anonymous" : auth.getName(), action, entity, String.valueOf(entityId));
        }
    }

    void insert(Long clinicId, String username, Action action, String entity, String entityId) {
        jdbc.sql("insert into audit_event (clinic_id, username, action, entity, entity_id) values (?, ?, ?, ?, ?)")
                .params(clinicId, username, action.name(), entity, entityId)
                .update();
    }
}
