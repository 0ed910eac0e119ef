package dev.myelin.spring.boot.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes an RFC 9457 {@code application/problem+json} body straight to a servlet response, for the
 * places that answer before Spring MVC can (filters, the error page, Tomcat's error report valve).
 * Texts are JSON-escaped (without a JSON library, so filters need none); nothing of the request but
 * what the caller passes is written.
 */
final class Problems {

    private Problems() {
    }

    /**
     * Writes a problem unless the response is already committed.
     *
     * @param response the response
     * @param status the status
     * @param detail the detail
     * @param instance the request path, or {@code null}
     * @param field the field the problem is about, or {@code null}
     * @param message what is wrong with the field
     * @throws IOException when writing fails
     */
    static void write(HttpServletResponse response, int status, String detail, String instance, String field,
            String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = json(status, detail, instance, field == null ? Map.of() : Map.of(field, message));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * Returns the detail of an error that the servlet container or a {@code sendError} raised,
     * which states what is wrong in general terms and never repeats the container's message.
     *
     * @param status the status
     * @return the detail
     */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed or not allowed: its path, query or headers";
            case 401 -> "Authentication is required";
            case 403 -> "Access is denied";
            case 404 -> "Nothing is found at this path";
            case 405 -> "The method is not allowed at this path";
            case 408 -> "The request was not received in time";
            case 413 -> "The request is too large";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            case 500 -> "An unexpected error occurred";
            case 503 -> "The service is unavailable; try again later";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "The request failed" : known.getReasonPhrase();
            }
        };
    }

    /**
     * Returns a problem as JSON, in ASCII only (any other character is escaped), so it reads the same in
     * any character encoding.
     *
     * @param status the status
     * @param detail the detail, or {@code null}
     * @param instance the request path, or {@code null}
     * @param errors field → message, possibly empty
     * @return UTF-8 JSON
     */
    static byte[] json(int status, String detail, String instance, Map<String, String> errors) {
        HttpStatus known = HttpStatus.resolve(status);
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
        quote(json, known == null ? "Error" : known.getReasonPhrase());
        json.append(",\"status\":").append(status);
        if (detail != null) {
            quote(json.append(",\"detail\":"), detail);
        }
        if (instance != null) {
            quote(json.append(",\"instance\":"), instance);
        }
        if (!errors.isEmpty()) {
            json.append(",\"errors\":{");
            boolean first = true;
            for (Map.Entry<String, String> error : errors.entrySet()) {
                quote(json.append(first ? "" : ","), error.getKey());
                quote(json.append(":["), error.getValue());
                json.append(']');
                first = false;
            }
            json.append('}');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON string escaping (RFC 8259 §7), here so that filters work without a JSON library. */
    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
