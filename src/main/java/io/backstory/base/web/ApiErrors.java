package io.backstory.base.web;

import io.backstory.base.FailureDiagnostics;
import io.backstory.base.RecordNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of the REST API as a small JSON object ({@code status}, {@code error}, {@code message} and, for bad
 * input, the {@code parameter}): a client can read what to fix, and no framework internals or stack traces leave
 * the server. An unexpected failure is logged once with its cause and answered with a generic 500.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** A service's validation message: "field: rule", the field before the first colon. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badInput(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "Bad request" : e.getMessage();
        int colon = message.indexOf(':');
        String parameter = colon > 0 && colon < 40 ? message.substring(0, colon).strip() : null;
        return body(HttpStatus.BAD_REQUEST, message, parameter);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> wrongType(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : switch (e.getRequiredType().getSimpleName()) {
            case "LocalDate" -> "an ISO date (YYYY-MM-DD)";
            case "Long", "Integer", "long", "int" -> "a whole number";
            default -> "a valid value";
        };
        return body(HttpStatus.BAD_REQUEST, e.getName() + ": must be " + expected + ", was '" + e.getValue() + "'", e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, e.getParameterName() + ": is required", e.getParameterName());
    }

    @ExceptionHandler(RecordNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(RecordNotFoundException e) {
        return body(HttpStatus.NOT_FOUND, "Not found", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? ""
                : e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
        return methodNotAllowed(e.getMethod(), allowed);
    }

    /** Access checks of the services answer 403 like the security chain does. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return body(HttpStatus.FORBIDDEN, "Forbidden", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("API request failed: {}", FailureDiagnostics.describe(e));
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "The server could not answer this request; try again later", null);
    }

    static ResponseEntity<Map<String, Object>> methodNotAllowed(String method, String allowed) {
        ResponseEntity<Map<String, Object>> body = body(HttpStatus.METHOD_NOT_ALLOWED,
                "Method " + method + " is not allowed here" + (allowed.isEmpty() ? "" : "; allowed: " + allowed), null);
        return ResponseEntity.status(body.getStatusCode()).headers(body.getHeaders())
                .header(HttpHeaders.ALLOW, allowed).body(body.getBody());
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, @Nullable String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
