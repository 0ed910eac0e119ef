package dev.myelin.examples.pizzeria.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain loopback socket, for requests that {@link Http} cannot send (a {@code %2F} or
 * {@code //} kept in the path, a NUL in a header, headers of any size). Sends
 * {@code Connection: close} and reads the response to the end; understands {@code Content-Length}
 * and chunked bodies.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RawHttp() {
    }

    /**
     * Sends a request and reads its response.
     *
     * @param port the server's port on the loopback address
     * @param requestLine such as {@code GET /api/menu HTTP/1.1}
     * @param headers extra header lines, each {@code Name: value}
     * @return the response
     */
    public static Response send(int port, String requestLine, String... headers) {
        return sendWithBody(port, requestLine, null, headers);
    }

    /**
     * Sends a request with a body (and its {@code Content-Length}) and reads its response.
     *
     * @param port the server's port on the loopback address
     * @param requestLine such as {@code POST /api/orders HTTP/1.1}
     * @param body the body, sent as UTF-8, or {@code null} for none
     * @param headers extra header lines, each {@code Name: value}
     * @return the response
     */
    public static Response sendWithBody(int port, String requestLine, String body, String... headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Parses a raw response.
     *
     * @param raw the bytes read until the server closed the connection
     * @return the response
     */
    public static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        int status = lines[0].startsWith("HTTP/") ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        try {
            while (true) {
                StringBuilder size = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    if (c != '\r') {
                        size.append((char) c);
                    }
                }
                int length = size.length() == 0 ? 0 : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                if (length == 0) {
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                in.skip(2);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * A response.
     *
     * @param status the status, or -1 when the server answered no HTTP response
     * @param headers the headers, by lower-case name
     * @param body the body text
     */
    public record Response(int status, Map<String, String> headers, String body) {

        /**
         * Returns the body as JSON.
         *
         * @return the parsed body
         */
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /**
         * Returns whether the response is an RFC 9457 problem with this status.
         *
         * @param expected the status
         * @return whether the status, content type and body's status say so
         */
        public boolean isProblem(int expected) {
            return status == expected && headers.getOrDefault("content-type", "").startsWith("application/problem+json")
                    && body.startsWith("{") && json().path("status").asInt() == expected;
        }
    }
}
