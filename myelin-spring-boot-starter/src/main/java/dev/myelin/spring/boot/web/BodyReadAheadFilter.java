package dev.myelin.spring.boot.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each request body before the request is handled, without holding a thread while the bytes
 * arrive, so that clients that send slowly cannot take all of the server's threads: a thread-per-request
 * container such as Tomcat otherwise blocks one worker thread on each body until its last byte.
 *
 * <ul>
 *   <li>A body with a {@code Content-Length} whose bytes have all arrived when the request is handled
 *       (the usual case for a small body, sent with its headers) is read at once on the request's
 *       thread, and the request goes on without a second dispatch.</li>
 *   <li>Any other body is read with Servlet non-blocking I/O (an {@link AsyncContext} and a
 *       {@link ReadListener}), after the bytes that have arrived already; no thread waits for it.
 *       When it is complete the request is dispatched again and handled as an ordinary request
 *       ({@link DispatcherType#REQUEST}) whose body comes from memory.</li>
 *   <li>A body not complete within the body timeout is refused with 408, one larger than the limit
 *       with 413, both {@code application/problem+json}, and the connection is closed.</li>
 * </ul>
 *
 * <p>Form bodies ({@code application/x-www-form-urlencoded}) are parsed from memory for
 * {@code getParameter}; a form parameter with a NUL character is a 400 naming it (as
 * {@link InputScreeningFilter} does for the query). Multipart bodies are left to the container. Memory
 * held per request is at most the size limit. Filters ordered before this one see the request once (Spring's
 * {@code OncePerRequestFilter}s skip the second, asynchronous dispatch); those after it see it once,
 * with its body. Thread-safe.
 */
final class BodyReadAheadFilter extends OncePerRequestFilter implements Ordered {

    /** After {@link InputScreeningFilter}, before Spring Security and every filter that may read a body. */
    static final int ORDER = InputScreeningFilter.ORDER + 10;

    private static final String BODY = BodyReadAheadFilter.class.getName() + ".BODY";

    private final long limit;
    private final Duration timeout;

    BodyReadAheadFilter(long limit, Duration timeout) {
        this.limit = limit;
        this.timeout = timeout;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            proceed(new ReadAhead(request, body), response, chain);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !InputScreeningFilter.hasBody(request)
                || isMultipart(request) || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > limit) {
            tooLarge(request, response);
            return;
        }
        ServletInputStream input = request.getInputStream();
        byte[] arrived = length > 0 ? readArrived(input, (int) length) : new byte[0];
        if (arrived.length == length) {
            proceed(new ReadAhead(request, arrived), response, chain);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeout.toMillis());
        BodyReader reader = new BodyReader(async, input, length > 0 ? (int) length : 1024, arrived);
        async.addListener(reader);
        input.setReadListener(reader);
    }

    /**
     * Reads the bytes of a body of this length that have arrived already, without waiting for more: a
     * read after {@code available() > 0} returns what is buffered. ({@code available()} need not count
     * every byte that has arrived: Tomcat's answered less than the length for a body sent with its
     * headers, so comparing the two sent every POST to the asynchronous read; BodyReadAheadHttpTest.)
     */
    private static byte[] readArrived(ServletInputStream input, int length) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length && input.available() > 0) {
            int n = input.read(body, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read == length ? body : Arrays.copyOf(body, read);
    }

    /** Continues with the body in memory, unless it is a form with a NUL character in a parameter. */
    private static void proceed(ReadAhead request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String parameter = request.formParameterWithNul();
        if (parameter != null) {
            Problems.write(response, 400, "Parameter '" + parameter + "' " + InputScreeningFilter.NUL_MESSAGE,
                    request.getRequestURI(), parameter, InputScreeningFilter.NUL_MESSAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        Problems.write(response, 413, BodySizeLimitFilter.detail(limit), request.getRequestURI(), null, null);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Reads a body as its bytes arrive; dispatches the request when it is complete, or answers 408/413. */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream input;
        private final ByteArrayOutputStream body;
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean finished = new AtomicBoolean();

        BodyReader(AsyncContext async, ServletInputStream input, int expected, byte[] arrived) {
            this.async = async;
            this.input = input;
            this.body = new ByteArrayOutputStream(Math.min(expected, 64 * 1024));
            this.body.writeBytes(arrived);
        }

        @Override
        public void onDataAvailable() throws IOException {
            int read;
            while (!finished.get() && input.isReady() && (read = input.read(chunk)) != -1) {
                body.write(chunk, 0, read);
                if (body.size() > limit && finished.compareAndSet(false, true)) {
                    HttpServletRequest request = (HttpServletRequest) async.getRequest();
                    tooLarge(request, (HttpServletResponse) async.getResponse());
                    async.complete();
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (finished.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The client went away or the connection failed: nobody to answer.
            if (finished.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (finished.compareAndSet(false, true)) {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setHeader("Connection", "close");
                Problems.write(response, 408, "The request body was not received within " + timeout.toMillis() + " ms",
                        ((HttpServletRequest) async.getRequest()).getRequestURI(), null, null);
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The request with its body in memory, handled as an ordinary request. */
    private static final class ReadAhead extends HttpServletRequestWrapper {
        private final byte[] body;
        private ServletInputStream stream;
        private BufferedReader reader;
        private Map<String, String[]> form;

        ReadAhead(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
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
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset()));
            }
            return reader;
        }

        @Override
        public String getParameter(String name) {
            if (!isForm()) {
                return super.getParameter(name);
            }
            String[] values = form().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return isForm() ? form() : super.getParameterMap();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return isForm() ? Collections.enumeration(form().keySet()) : super.getParameterNames();
        }

        @Override
        public String[] getParameterValues(String name) {
            return isForm() ? form().get(name) : super.getParameterValues(name);
        }

        /** The first form parameter whose name or value has a NUL (named with NUL shown as {@code \0}), or none. */
        String formParameterWithNul() {
            if (!isForm()) {
                return null;
            }
            for (Map.Entry<String, String[]> parameter : form().entrySet()) {
                boolean nul = parameter.getKey().indexOf('\0') >= 0;
                for (String value : parameter.getValue()) {
                    nul |= value.indexOf('\0') >= 0;
                }
                if (nul) {
                    return parameter.getKey().replace("\0", "\\0");
                }
            }
            return null;
        }

        private boolean isForm() {
            String type = getContentType();
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }

        /** The query's parameters, then the body's, as the Servlet specification merges them. */
        private Map<String, String[]> form() {
            if (form == null) {
                Map<String, List<String>> values = new LinkedHashMap<>();
                decode(getQueryString(), StandardCharsets.UTF_8, values);
                decode(new String(body, charset()), charset(), values);
                Map<String, String[]> merged = new LinkedHashMap<>();
                values.forEach((name, list) -> merged.put(name, list.toArray(String[]::new)));
                form = Collections.unmodifiableMap(merged);
            }
            return form;
        }

        private static void decode(String encoded, Charset charset, Map<String, List<String>> values) {
            if (encoded == null || encoded.isEmpty()) {
                return;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                    values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException malformed) {
                    // Skipped, as the container skips a malformed pair.
                }
            }
        }
    }

    /**
     * The whole body behind a stream of a request read ahead, when nothing of it was read yet.
     *
     * @param stream a request's input stream
     * @return its body, not to be modified, or {@code null} when it is another stream or partly read
     */
    static byte[] unreadBody(java.io.InputStream stream) {
        return stream instanceof MemoryInputStream memory ? memory.unreadBody() : null;
    }
}
