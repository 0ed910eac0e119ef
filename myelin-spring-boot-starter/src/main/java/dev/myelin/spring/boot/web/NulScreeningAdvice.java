package dev.myelin.spring.boot.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a JSON request body ({@code application/json} or {@code +json}) with a NUL character
 * ({@code \u0000}) in any string or key, at any depth, before it is bound to the handler's parameter,
 * whatever that parameter's type ({@code Object}, {@code JsonNode}, {@code Map}, a record): 400 naming
 * the field (through {@link ProblemExceptionHandler}), and the handler never runs. PostgreSQL stores no
 * NUL in {@code text} or {@code json}, so such a value would otherwise end in a 500. Costs one scan of
 * the body's bytes for the escape {@code \u0000} (a body read ahead by {@link BodyReadAheadFilter} is
 * scanned in place; another is copied once); only a body with one is parsed again to name the field.
 * Thread-safe.
 */
@ControllerAdvice
final class NulScreeningAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converter) throws IOException {
        MediaType type = input.getHeaders().getContentType();
        if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().endsWith("+json"))) {
            return input;
        }
        InputStream stream = input.getBody();
        byte[] body = BodyReadAheadFilter.unreadBody(stream);
        HttpInputMessage message = input;
        if (body == null) {
            body = stream.readAllBytes();
            message = new Buffered(input.getHeaders(), body);
        }
        if (hasNulEscape(body)) {
            InvalidFormatException nul = locate(body);
            if (nul != null) {
                throw new HttpMessageNotReadableException(nul.getOriginalMessage(), nul, message);
            }
        }
        return message;
    }

    /** Whether the bytes hold the JSON escape of NUL ({@code \u0000}, its backslash not itself escaped). */
    static boolean hasNulEscape(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\') {
                if (body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
                        && body[i + 5] == '0') {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /** The first string or key with a NUL, as a failure whose path names it; {@code null} if the JSON is malformed first. */
    private static InvalidFormatException locate(byte[] body) {
        try (JsonParser parser = JsonMapper.shared().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String text = token == JsonToken.PROPERTY_NAME ? parser.currentName()
                        : token == JsonToken.VALUE_STRING ? parser.getString() : null;
                if (text != null && text.indexOf('\0') >= 0) {
                    InvalidFormatException nul = InvalidFormatException.from(parser, InputScreeningFilter.NUL_MESSAGE,
                            text, String.class);
                    for (TokenStreamContext at = parser.streamReadContext(); at != null && !at.inRoot(); at = at.getParent()) {
                        if (at.inObject() && at.currentName() != null) {
                            nul.prependPath(null, at.currentName().replace("\0", "\\0"));
                        } else if (at.inArray()) {
                            nul.prependPath(null, Math.max(0, at.getCurrentIndex()));
                        }
                    }
                    return nul;
                }
            }
            return null;
        } catch (JacksonException malformed) {
            return null;
        }
    }

    /** A body read into memory. */
    private record Buffered(HttpHeaders headers, byte[] bytes) implements HttpInputMessage {

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
