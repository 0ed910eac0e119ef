package dev.myelin.spring.boot.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads the request, input that no handler can use:
 *
 * <ul>
 *   <li>a NUL character ({@code %00}) in a query parameter: 400 naming the parameter (PostgreSQL
 *       stores no NUL in {@code text} or {@code json}, so such a value would end in a 500 if it
 *       reached a command);</li>
 *   <li>a body whose {@code Content-Type} is not a concrete, valid media type ({@code *}{@code /*},
 *       {@code application/*}, an unknown charset, a syntax error): 415.</li>
 * </ul>
 *
 * <p>A NUL in the path or in a header is refused by the servlet container (Tomcat: 400, written as a
 * problem by {@link ProblemErrorReportValve}); one in a JSON string by the JSON mapper
 * ({@link JsonInput}). Costs a substring search of the query and, for a request with a body, a parse of
 * its {@code Content-Type} (Spring caches parsed media types). Thread-safe.
 */
final class InputScreeningFilter extends OncePerRequestFilter implements Ordered {

    /** Among the first filters: before the body is read and before Spring Security. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    static final String NUL_MESSAGE = "must not contain NUL characters";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && encodesNul(query)) {
            String parameter = parameterWithNul(query);
            Problems.write(response, 400, "Parameter '" + parameter + "' " + NUL_MESSAGE, request.getRequestURI(),
                    parameter, NUL_MESSAGE);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && hasBody(request)) {
            String refusal = refusal(contentType);
            if (refusal != null) {
                Problems.write(response, 415, refusal, request.getRequestURI(), null, null);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static String refusal(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (!type.isConcrete()) {
                return "Content-Type must name one media type, not a pattern such as '" + type.getType() + "/"
                        + type.getSubtype() + "'";
            }
            return null;
        } catch (InvalidMediaTypeException invalid) {
            return "Content-Type is not a valid media type";
        }
    }

    /** The first parameter whose name or value decodes to text with a NUL, by its name with NUL shown as {@code \0}. */
    private static String parameterWithNul(String query) {
        for (String pair : query.split("&")) {
            if (encodesNul(pair)) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                try {
                    return URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\0", "\\0");
                } catch (IllegalArgumentException malformed) {
                    return name;
                }
            }
        }
        return "";
    }

    private static boolean encodesNul(String text) {
        return text.contains("%00");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
