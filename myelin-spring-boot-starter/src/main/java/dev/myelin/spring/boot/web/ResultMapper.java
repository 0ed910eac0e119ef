package dev.myelin.spring.boot.web;

import dev.myelin.core.OperationResult;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Turns an {@link OperationResult} into a {@link ResponseEntity}: a success into its status and
 * its data as the body (no body for 204), a failure into an RFC 9457 {@code application/problem+json}
 * {@link ProblemDetail} with {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance} and, when there are field errors, an {@code errors} member (field → messages).
 *
 * <pre>{@code
 * return resultMapper.toResponse(mediator.send(new GetOrderStatus(id)));
 * }</pre>
 *
 * <p>When the result names no {@code instance}, Spring MVC sets the request path. Stateless and
 * thread-safe.
 *
 * @since 0.1
 */
public final class ResultMapper {

    /** Name of the problem member that lists field errors. */
    public static final String ERRORS = "errors";

    private static final ResultMapper DEFAULTS = new ResultMapper();

    private ResultMapper() {
    }

    /**
     * Returns the mapper.
     *
     * @return the shared instance
     */
    public static ResultMapper ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Maps a result to a response typed by the result's data, so that a controller method can
     * declare {@code ResponseEntity<OrderDto>} and OpenAPI tools (springdoc) describe its success
     * body as {@code OrderDto}.
     *
     * <p>On failure the body is a {@link ProblemDetail}, not a {@code T}: the response is cast
     * unchecked to {@code ResponseEntity<T>}. That is safe because nothing reads the body as a
     * {@code T}: Spring MVC writes the runtime body. Its Jackson converter applies the declared
     * type only when the body is an instance of it ({@code TypeUtils.isAssignable(declared, body.getClass())}),
     * so a problem is written as a problem (with Spring's {@code ProblemDetail} mixin and the
     * request path as {@code instance}) even when {@code T} is a list or a map. Code that calls
     * {@code getBody()} on a failed response itself must check {@link ResponseEntity#getStatusCode()}
     * first, or use {@link #toProblem}.
     *
     * @param result the result of a request
     * @param <T> the type of the success body; callers that need no type can use {@code Object}
     * @return the response: the data on success, a problem on failure
     */
    public <T> ResponseEntity<T> toResponse(OperationResult<? extends T> result) {
        if (result.isSuccess()) {
            if (result.status() == 204 || result.data() == null) {
                return ResponseEntity.status(result.status()).build();
            }
            return ResponseEntity.status(result.status()).body(result.data());
        }
        return problemResponse(result);
    }

    /** The unchecked cast of {@link #toResponse}: see its javadoc for why it is safe. */
    @SuppressWarnings("unchecked")
    private <T> ResponseEntity<T> problemResponse(OperationResult<?> result) {
        ResponseEntity<?> problem = ResponseEntity.status(result.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(toProblem(result));
        return (ResponseEntity<T>) problem;
    }

    /**
     * Maps a failed result to a problem.
     *
     * @param result a result whose status is 4xx or 5xx
     * @return the problem
     */
    public ProblemDetail toProblem(OperationResult<?> result) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(result.status()));
        problem.setType(result.type());
        problem.setTitle(result.title());
        problem.setDetail(result.detail());
        if (result.instance() != null) {
            problem.setInstance(result.instance());
        }
        Map<String, List<String>> errors = result.errors();
        if (!errors.isEmpty()) {
            problem.setProperty(ERRORS, errors);
        }
        return problem;
    }
}
