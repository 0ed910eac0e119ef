package dev.myelin.core;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a request: on success, a status and the data; on failure, an RFC 9457 problem
 * (type, title, status, detail, instance) plus field errors.
 *
 * <p>Handlers return it through the static factories, which read like the seed's handlers once
 * imported statically:
 *
 * <pre>{@code
 * import static dev.myelin.core.OperationResult.*;
 *
 * if (order.isEmpty()) return notFound("Order", command.orderId());
 * return created(OrderDto.of(order));
 * }</pre>
 *
 * <p>Instances are immutable; {@code errors} is an unmodifiable map whose iteration order is the
 * order of insertion.
 *
 * @param type a URI reference that identifies the problem type; {@code about:blank} by default
 * @param title a short summary of the status or problem type
 * @param status the HTTP status code
 * @param detail an explanation of this occurrence, or {@code null}
 * @param instance a URI reference that identifies this occurrence, or {@code null}
 * @param errors field (JSON property path) → messages; empty on success
 * @param data the data of a success, or {@code null}
 * @param <T> the type of the data
 * @since 0.1
 */
public record OperationResult<T>(
        URI type, String title, int status, String detail, URI instance, Map<String, List<String>> errors, T data) {

    /** The default problem type, meaning the status code says it all (RFC 9457 §4.2.1). */
    public static final URI BLANK = URI.create("about:blank");

    private static final OperationResult<Object> NO_CONTENT =
            new OperationResult<>(BLANK, "No Content", 204, null, null, Map.of(), null);

    /** Validates and copies the components. */
    public OperationResult {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code, was " + status);
        }
        errors = copyErrors(errors);
    }

    /**
     * Returns whether the status is a success (2xx).
     *
     * @return whether the request succeeded
     */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * Maps the data of a success; a failure is returned unchanged, retyped.
     *
     * @param mapper the function applied to the data of a success
     * @param <U> the new data type
     * @return the mapped result
     */
    @SuppressWarnings("unchecked")
    public <U> OperationResult<U> map(Function<? super T, ? extends U> mapper) {
        if (!isSuccess()) {
            return (OperationResult<U>) this;
        }
        return new OperationResult<>(type, title, status, detail, instance, errors, data == null ? null : mapper.apply(data));
    }

    /**
     * Returns a copy with the given problem type.
     *
     * @param problemType the problem type URI
     * @return the copy
     */
    public OperationResult<T> withType(URI problemType) {
        return new OperationResult<>(problemType, title, status, detail, instance, errors, data);
    }

    /**
     * Returns a copy with the given instance URI.
     *
     * @param occurrence the URI of this occurrence
     * @return the copy
     */
    public OperationResult<T> withInstance(URI occurrence) {
        return new OperationResult<>(type, title, status, detail, occurrence, errors, data);
    }

    /**
     * 200 OK.
     *
     * @param data the data
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> ok(T data) {
        return success(200, "OK", data);
    }

    /**
     * 201 Created.
     *
     * @param data the created resource's representation
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> created(T data) {
        return success(201, "Created", data);
    }

    /**
     * 202 Accepted: the work will complete later.
     *
     * @param data a representation of the pending work, or {@code null}
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> accepted(T data) {
        return success(202, "Accepted", data);
    }

    /**
     * 204 No Content.
     *
     * @param <T> the data type
     * @return the result (a shared instance)
     */
    @SuppressWarnings("unchecked")
    public static <T> OperationResult<T> noContent() {
        return (OperationResult<T>) NO_CONTENT;
    }

    /**
     * 400 Bad Request.
     *
     * @param detail what is wrong with the request
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> badRequest(String detail) {
        return problem(400, "Bad Request", detail);
    }

    /**
     * 400 Bad Request titled "Validation failed", with the errors of each field.
     *
     * @param errors JSON property path → messages
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> validationFailed(Map<String, List<String>> errors) {
        int count = errors.values().stream().mapToInt(List::size).sum();
        String detail = count == 1 ? "1 field is invalid" : count + " fields are invalid";
        return new OperationResult<>(BLANK, "Validation failed", 400, detail, null, errors, null);
    }

    /**
     * 401 Unauthorized: the caller is not authenticated.
     *
     * @param detail what is missing
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> unauthorized(String detail) {
        return problem(401, "Unauthorized", detail);
    }

    /**
     * 403 Forbidden: the caller is authenticated but not allowed.
     *
     * @param detail what is required
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> forbidden(String detail) {
        return problem(403, "Forbidden", detail);
    }

    /**
     * 404 Not Found, naming what was looked for.
     *
     * @param resourceType the kind of resource, such as {@code "Order"}
     * @param id the id that was not found
     * @param <T> the data type
     * @return the result, with detail {@code "Order 'abc' was not found"}
     */
    public static <T> OperationResult<T> notFound(String resourceType, Object id) {
        return problem(404, "Not Found", resourceType + " '" + id + "' was not found");
    }

    /**
     * 409 Conflict: the request conflicts with the current state.
     *
     * @param detail what conflicts
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> conflict(String detail) {
        return problem(409, "Conflict", detail);
    }

    /**
     * 422 Unprocessable Content: well-formed but semantically wrong.
     *
     * @param detail what cannot be processed
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> unprocessable(String detail) {
        return problem(422, "Unprocessable Content", detail);
    }

    /**
     * 500 Internal Server Error. Never put exception messages here: they leak internals.
     *
     * @param detail a safe explanation
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> internalServerError(String detail) {
        return problem(500, "Internal Server Error", detail);
    }

    /**
     * 503 Service Unavailable: try again later.
     *
     * @param detail why, and for how long if known
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> serviceUnavailable(String detail) {
        return problem(503, "Service Unavailable", detail);
    }

    /**
     * Any problem (4xx or 5xx) with a title and detail.
     *
     * @param status the status code, 400–599
     * @param title a short summary
     * @param detail an explanation of this occurrence
     * @param <T> the data type
     * @return the result
     */
    public static <T> OperationResult<T> problem(int status, String title, String detail) {
        if (status < 400) {
            throw new IllegalArgumentException("A problem has a 4xx or 5xx status, was " + status);
        }
        return new OperationResult<>(BLANK, title, status, detail, null, Map.of(), null);
    }

    private static <T> OperationResult<T> success(int status, String title, T data) {
        return new OperationResult<>(BLANK, title, status, null, null, Map.of(), data);
    }

    private static Map<String, List<String>> copyErrors(Map<String, List<String>> errors) {
        if (errors == null || errors.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
