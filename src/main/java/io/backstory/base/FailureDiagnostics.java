package io.backstory.base;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A failure as the application log may show it: the exception classes from outermost to root cause, the
 * database's SQLState, error code, constraint and table, the kind of statement, and the first line of our code it
 * passed through. Never an exception's message: the database writes the offending values into it (PostgreSQL's
 * "Key (email)=(…) already exists" and "Failing row contains (…)", H2's "VALUES ( 'jane@…' )"), so a message is
 * patient data, and DESIGN §6 allows no PHI in application logs. These fields are what an operator needs to find
 * the cause; the user quotes the reference beside them.
 */
public final class FailureDiagnostics {

    /** A schema identifier at the start of what Hibernate extracted; H2's extraction runs on into the values. */
    private static final Pattern IDENTIFIER = Pattern.compile("^\"?([A-Za-z0-9_.$]+)");
    private static final Pattern STATEMENT = Pattern.compile(
            "^\\s*(insert\\s+into|update|delete\\s+from|merge\\s+into|select|with|call)\\b(?:\\s+\"?([A-Za-z0-9_.]+))?",
            Pattern.CASE_INSENSITIVE);

    private FailureDiagnostics() {
    }

    public static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String sqlState = null;
        Integer errorCode = null;
        String constraint = null;
        String table = null;
        String statement = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " < ").append(t.getClass().getName());
            root = t;
            if (t instanceof ConstraintViolationException violation && constraint == null) {
                constraint = identifier(violation.getConstraintName());
            }
            if (t instanceof JDBCException jdbc && statement == null) {
                statement = statement(jdbc.getSQL());
            }
            if (t instanceof PSQLException postgres && postgres.getServerErrorMessage() != null) {
                ServerErrorMessage server = postgres.getServerErrorMessage();
                constraint = constraint != null ? constraint : identifier(server.getConstraint());
                table = identifier(server.getTable());
            }
            if (t instanceof SQLException sql && sqlState == null && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
                errorCode = sql.getErrorCode();
            }
        }
        StringBuilder out = new StringBuilder(chain);
        if (sqlState != null) {
            out.append(" | SQLState ").append(sqlState).append(", error code ").append(errorCode);
        }
        if (constraint != null) {
            out.append(" | constraint ").append(constraint);
        }
        if (table != null) {
            out.append(" | table ").append(table);
        }
        if (statement != null) {
            out.append(" | statement ").append(statement);
        }
        String where = firstOwnFrame(root);
        if (where == null) {
            where = firstOwnFrame(failure);
        }
        if (where != null) {
            out.append(" | at ").append(where);
        }
        return out.toString();
    }

    private static @Nullable String identifier(@Nullable String name) {
        if (name == null) {
            return null;
        }
        Matcher m = IDENTIFIER.matcher(name.strip());
        return m.find() ? m.group(1) : null;
    }

    /** "insert into" and the table name: the kind of statement and its table, not the statement (it may carry literals). */
    private static @Nullable String statement(@Nullable String sql) {
        if (sql == null) {
            return null;
        }
        Matcher m = STATEMENT.matcher(sql);
        if (!m.find()) {
            return null;
        }
        String verb = m.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return m.group(2) == null || verb.equals("select") || verb.equals("with") ? verb : verb + " " + m.group(2);
    }

    private static @Nullable String firstOwnFrame(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.backstory.") && !frame.getClassName().equals(FailureDiagnostics.class.getName())) {
                return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return null;
    }
}
