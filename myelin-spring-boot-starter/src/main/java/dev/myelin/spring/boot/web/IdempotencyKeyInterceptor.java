package dev.myelin.spring.boot.web;

import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.core.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Reads the {@code Idempotency-Key} header of requests to {@link AcceptsIdempotencyKey} methods,
 * checks it, and binds it with the request's fingerprint into the {@link RequestContext}
 * metadata for the length of the handler, where {@link IdempotencyBehavior} reads them. Refuses a
 * malformed key, or a missing one where it is required, with a 400 problem before the controller
 * runs. {@link #markReplayed} adds {@code Idempotent-Replayed: true} to the current response; the
 * starter registers it as the behavior's replay listener. Thread-safe.
 */
final class IdempotencyKeyInterceptor implements HandlerInterceptor {

    /** The request header, as the IETF draft names it. */
    static final String HEADER = "Idempotency-Key";

    /** The response header that marks a replayed response, as Stripe names it. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Longest key accepted, in characters, as Stripe's. */
    static final int MAX_KEY_LENGTH = 255;

    private static final String SCOPE = IdempotencyKeyInterceptor.class.getName() + ".SCOPE";
    private static final String MALFORMED = "must be 1 to " + MAX_KEY_LENGTH
            + " visible ASCII characters, optionally as a quoted string";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        AcceptsIdempotencyKey accepts = method.getMethodAnnotation(AcceptsIdempotencyKey.class);
        if (accepts == null) {
            return true;
        }
        String sent = request.getHeader(HEADER);
        if (sent == null) {
            if (accepts.required()) {
                Problems.write(response, 400, "The " + HEADER + " header is required", request.getRequestURI(),
                        HEADER, "is required");
                return false;
            }
            return true;
        }
        String key = parse(sent);
        if (key == null) {
            Problems.write(response, 400, "The " + HEADER + " header " + MALFORMED, request.getRequestURI(),
                    HEADER, MALFORMED);
            return false;
        }
        Object fingerprint = request.getAttribute(IdempotencyFingerprintFilter.FINGERPRINT);
        RequestContext context = RequestContext.current().toBuilder()
                .metadata(IdempotencyBehavior.METADATA_KEY, key)
                .metadata(IdempotencyBehavior.FINGERPRINT_METADATA_KEY, fingerprint instanceof String text ? text
                        : IdempotencyFingerprintFilter.fingerprint(request, new byte[0]))
                .build();
        request.setAttribute(SCOPE, context.bind());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (request.getAttribute(SCOPE) instanceof RequestContext.Scope scope) {
            request.removeAttribute(SCOPE);
            scope.close();
        }
    }

    /**
     * Marks the response of the request being handled on this thread as a replay; does nothing
     * outside a servlet request.
     */
    static void markReplayed() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet && servlet.getResponse() != null) {
            servlet.getResponse().setHeader(REPLAYED_HEADER, "true");
        }
    }

    /**
     * Returns the key of a header value: a structured-field string ({@code "abc"}, with {@code \"}
     * and {@code \\} escapes) or a bare token; {@code null} when it is neither, empty, too long, or
     * has a character outside visible ASCII.
     */
    static String parse(String value) {
        String key = value.strip();
        if (key.length() >= 2 && key.charAt(0) == '"' && key.charAt(key.length() - 1) == '"') {
            StringBuilder unquoted = new StringBuilder(key.length());
            for (int i = 1; i < key.length() - 1; i++) {
                char c = key.charAt(i);
                if (c == '\\') {
                    if (++i == key.length() - 1 || (key.charAt(i) != '"' && key.charAt(i) != '\\')) {
                        return null;
                    }
                    c = key.charAt(i);
                } else if (c == '"') {
                    return null;
                }
                unquoted.append(c);
            }
            key = unquoted.toString();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return null;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        return key;
    }
}
