package dev.myelin.spring.boot.startup;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request with 503 {@code application/problem+json} and {@code Retry-After} while
 * Spring Boot's readiness is not {@code ACCEPTING_TRAFFIC} (startup work still running, or the
 * context closing), except requests under the Actuator base path, so that probes and health keep
 * answering. Runs first among the filters: nothing reads the body, authenticates, or runs a command
 * for a refused request.
 */
final class NotReadyFilter extends OncePerRequestFilter implements Ordered {

    /** Before every other filter of the starter and Spring Security's. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    static final String DETAIL = "The application is not ready to take requests yet; retry later";

    private final ApplicationAvailability availability;
    private final String actuatorBasePath;
    private final String retryAfterSeconds;
    private final byte[] body;

    NotReadyFilter(ApplicationAvailability availability, String actuatorBasePath, long retryAfterSeconds) {
        this.availability = availability;
        this.actuatorBasePath = actuatorBasePath.endsWith("/") ? actuatorBasePath.substring(0, actuatorBasePath.length() - 1)
                : actuatorBasePath;
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
        // Plain ASCII, written as bytes: JSON is UTF-8 and problem+json takes no charset parameter.
        this.body = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"" + DETAIL
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC || isActuator(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean isActuator(HttpServletRequest request) {
        if (actuatorBasePath.isEmpty()) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(actuatorBasePath) || path.startsWith(actuatorBasePath + "/");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
