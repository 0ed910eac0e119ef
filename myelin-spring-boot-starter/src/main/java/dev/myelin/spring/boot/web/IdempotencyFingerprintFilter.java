package dev.myelin.spring.boot.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Computes the fingerprint of each request that carries an {@code Idempotency-Key} header: a SHA-256
 * of its method, path, query and body bytes, kept as a request attribute for
 * {@link IdempotencyKeyInterceptor}. The body is read once into memory (the starter's body size
 * limit bounds it) and handed on unchanged. Requests without the header pass untouched.
 *
 * <p>Order: after {@link RequestContextFilter} and the body read-ahead, before the dispatcher.
 * Thread-safe.
 */
final class IdempotencyFingerprintFilter extends OncePerRequestFilter implements Ordered {

    /** Just after the request context filter. */
    static final int ORDER = RequestContextFilter.ORDER + 5;

    /** Request attribute holding the fingerprint, a hex string. */
    static final String FINGERPRINT = IdempotencyFingerprintFilter.class.getName() + ".FINGERPRINT";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(IdempotencyKeyInterceptor.HEADER) == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        request.setAttribute(FINGERPRINT, fingerprint(request, body));
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** The fingerprint of a request with this body: what "the same request" means for a retry. */
    static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString();
            String target = request.getMethod() + ' ' + request.getRequestURI() + (query == null ? "" : '?' + query) + '\n';
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform has SHA-256 (MessageDigest's documented required algorithms).
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The request with its body, already read, served again from memory. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;
        private ServletInputStream stream;
        private BufferedReader reader;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new MemoryInputStream(body);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }
}
