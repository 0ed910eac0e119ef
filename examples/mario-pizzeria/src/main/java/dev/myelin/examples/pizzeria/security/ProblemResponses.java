package dev.myelin.examples.pizzeria.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the API's refusals as RFC 9457 {@code application/problem+json}, like every other error of
 * the API, instead of Spring Security's empty bodies or HTML pages: 401 with a
 * {@code WWW-Authenticate} challenge for a missing or bad credential, 403 for a caller whose roles do
 * not allow the request, 429 with {@code Retry-After} for a sign-in refused after too many failures
 * ({@link LoginThrottle}). The detail never repeats the credential. Thread-safe.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;
    private final String challenge;

    /**
     * Creates the responses.
     *
     * @param json the application's JSON mapper
     * @param challenge the {@code WWW-Authenticate} value of a 401, such as {@code Basic realm="pizzeria"}
     */
    ProblemResponses(JsonMapper json, String challenge) {
        this.json = json;
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof LoginThrottle.Throttled throttled) {
            long seconds = throttled.retryAfterSeconds();
            response.setHeader("Retry-After", Long.toString(seconds));
            write(request, response, 429, "Too Many Requests", "Too many failed sign-ins for this account "
                    + "or from this address: try again in " + seconds + " s");
            return;
        }
        response.setHeader("WWW-Authenticate", challenge);
        boolean sentCredentials = request.getHeader("Authorization") != null;
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", sentCredentials
                ? "The credentials are not valid"
                : "Authentication is required: send HTTP Basic credentials or a bearer token");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
