package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.core.OperationResult;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The seed's "Kitchen is at capacity" refusal: a 503 problem of its own type whose detail gives the
 * estimated wait in minutes, answered with {@code Retry-After} in seconds. {@link OperationResult}
 * carries no headers, so this advice adds the header to the problem just before it is written, from
 * the minutes the detail states (both come from the same number). Thread-safe.
 */
@RestControllerAdvice
class KitchenAtCapacity implements ResponseBodyAdvice<Object> {

    /** The problem type (a non-resolvable tag URI, RFC 9457 §3.1.1). */
    static final URI TYPE = URI.create("tag:mario-pizzeria,2026:kitchen-at-capacity");

    private static final Pattern MINUTES = Pattern.compile("Estimated wait time is (\\d+) minutes\\.");

    /**
     * The refusal of an order while the kitchen is full.
     *
     * @param waitMinutes the estimated wait, in minutes
     * @param <T> the data type
     * @return a 503 problem stating the wait
     */
    static <T> OperationResult<T> refusal(int waitMinutes) {
        return new OperationResult<>(TYPE, "Kitchen at capacity", 503,
                "Kitchen is at capacity. Estimated wait time is " + waitMinutes + " minutes.", null, Map.of(), null);
    }

    /**
     * The {@code Retry-After} of a refusal: its minutes in seconds, at least one.
     *
     * @param problem a problem
     * @return the seconds, or empty for any other problem
     */
    static OptionalLong retryAfterSeconds(ProblemDetail problem) {
        if (!TYPE.equals(problem.getType()) || problem.getDetail() == null) {
            return OptionalLong.empty();
        }
        Matcher minutes = MINUTES.matcher(problem.getDetail());
        return minutes.find() ? OptionalLong.of(Math.max(1, Long.parseLong(minutes.group(1)) * 60)) : OptionalLong.empty();
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            retryAfterSeconds(problem).ifPresent(seconds -> response.getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(seconds)));
        }
        return body;
    }
}
