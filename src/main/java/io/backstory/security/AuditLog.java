package io.backstory.security;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only trail of every read and write of patient data (DESIGN §6, HIPAA-style access
 * logging). It records who, what and which id, never the data itself, so the trail holds no PHI.
 * It joins the caller's transaction: a write and its audit row commit or roll back together.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class AuditLog {

    public enum Action {
        READ, CREATE, UPDATE, DELETE, EXPORT, LOGIN, LOGIN_FAILED,
        // account lifecycle and sign-in factors (people administration, own account)
        SETUP_LINK, PASSWORD_SET, PASSWORD_RESET, UNLOCK, DEACTIVATE, REACTIVATE, MFA_ENROLL, MFA_FAILED, MFA_RESET, ARCHIVE,
        // issue 9: what an auditor asks for besides reads and writes
        /** A sign-in refused by the throttle before any password check. */
        LOGIN_THROTTLED,
        /** An account locked after too many failed sign-ins. */
        LOCKOUT,
        LOGOUT,
        /** A record asked for that the user may not see (another clinic's, or a role that lacks the right). */
        DENIED,
        /** A record asked for that does not exist (or an id that is not one). */
        NOT_FOUND,
        /** A list or worklist shown: the detail names the patient ids on it. */
        LIST
    }

    /**
     * The clinic of audit rows that belong to none (a failed sign-in with an unknown name): a real key
     * rather than NULL, so the audit table's key includes clinic_id like every tenant table's (DESIGN §7).
     */
    public static final long NO_CLINIC = 0;

    /**
     * Set while {@link #readAsOne} loads a page: the READ rows of the service calls inside are left out, the
     * page's one row stands for them. Per thread, because a page loads on the request's thread.
     */
    private static final ThreadLocal<Boolean> ONE_READ = ThreadLocal.withInitial(() -> false);

    private final JdbcClient jdbc;

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(Action action, String entity, Object entityId) {
        record(action, entity, entityId, null);
    }

    /**
     * With a detail for changes an auditor wants to see (settings and roles: old and new value). The
     * detail never holds patient data.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(Action action, String entity, Object entityId, @Nullable String detail) {
        if (action == Action.READ && ONE_READ.get()) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof BackstoryUser user) {
            insert(user.clinicId(), user.getUsername(), action, entity, String.valueOf(entityId), detail);
        } else {
            insert(null, auth == null ? "anonymous" : auth.getName(), action, entity, String.valueOf(entityId), detail);
        }
    }

    /**
     * A page that shows one record with what hangs off it (the episode page: the episode, its visits, measures,
     * follow-ups and recurrence) as ONE audit row, "viewed episode 12", instead of a READ row per service call
     * inside (16 for the episode page before): the trail answers "who looked at this patient's record and when"
     * at the granularity the user acted on. Only READ rows are folded; a write, a refusal (NOT_FOUND, DENIED, in
     * their own transaction) or a LIST inside is recorded as always. The row is written in the caller's
     * transaction, after the load succeeded, so a page that failed to open leaves no READ row.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public <T> T readAsOne(String entity, Object entityId, String detail, java.util.function.Supplier<T> load) {
        boolean outer = ONE_READ.get();
        ONE_READ.set(true);
        T result;
        try {
            result = load.get();
        } finally {
            ONE_READ.set(outer);
        }
        record(Action.READ, entity, entityId, detail);
        return result;
    }

    /**
     * A refused access (DENIED, NOT_FOUND) by the signed-in user, or anonymous: in its own transaction,
     * because the refused call's transaction rolls back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(Action action, String entity, @Nullable String entityId, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof BackstoryUser user) {
            insert(user.clinicId(), user.getUsername(), action, entity, entityId, detail);
        } else {
            insert(null, auth == null ? "anonymous" : auth.getName(), action, entity, entityId, detail);
        }
    }

    /**
     * Which patients a list or worklist showed (LIST): their ids in the detail, as many rows as the
     * 500-character detail needs. Nothing is written for an empty page.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordList(String list, java.util.Collection<Long> patientIds) {
        StringBuilder ids = new StringBuilder();
        for (Long id : patientIds) {
            if (ids.length() + String.valueOf(id).length() + 1 > 500 - LIST_PREFIX.length()) {
                record(Action.LIST, "patient", list, LIST_PREFIX + ids);
                ids.setLength(0);
            }
            ids.append(ids.isEmpty() ? "" : ",").append(id);
        }
        if (!ids.isEmpty()) {
            record(Action.LIST, "patient", list, LIST_PREFIX + ids);
        }
    }

    /** The detail of a LIST row starts with this, then the comma-separated patient ids. */
    public static final String LIST_PREFIX = "patient ids ";

    /**
     * For actors who are not signed-in users, such as a patient answering a check-in by link (issue 12): the clinic
     * and a fixed actor name are given by the caller, the client address is taken from the request.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordFor(long clinicId, String actor, Action action, String entity, Object entityId, @Nullable String detail) {
        insert(clinicId, actor, action, entity, String.valueOf(entityId), detail);
    }

    void insert(@Nullable Long clinicId, String username, Action action, String entity, @Nullable String entityId) {
        insert(clinicId, username, action, entity, entityId, null);
    }

    void insert(@Nullable Long clinicId, String username, Action action, String entity, @Nullable String entityId, @Nullable String detail) {
        jdbc.sql("insert into audit_event (clinic_id, username, action, entity, entity_id, client_address, detail) values (?, ?, ?, ?, ?, ?, ?)")
                .params(clinicId == null ? NO_CLINIC : clinicId, username.substring(0, Math.min(username.length(), 60)), action.name(),
                        entity.substring(0, Math.min(entity.length(), 40)),
                        entityId == null ? null : entityId.substring(0, Math.min(entityId.length(), 40)), clientAddress(),
                        detail == null ? null : detail.substring(0, Math.min(detail.length(), 500)))
                .update();
    }

    /** "From where" (DESIGN §8): the client of the request being served, when there is one. */
    private static @Nullable String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String address = attributes.getRequest().getRemoteAddr();
            return address == null ? null : address.substring(0, Math.min(address.length(), 64));
        }
        return null;
    }
}
