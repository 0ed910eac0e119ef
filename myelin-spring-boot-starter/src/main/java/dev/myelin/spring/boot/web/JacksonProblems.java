package dev.myelin.spring.boot.web;

import java.util.Collection;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Describes a Jackson 3 read failure as a problem detail and, when a field is known, the field's
 * error, without echoing the input or Jackson's internals. Loaded only when Jackson 3 is present.
 */
final class JacksonProblems {

    private JacksonProblems() {
    }

    /** What went wrong: a detail for the problem and, if known, the JSON path of the field. */
    record Description(String detail, String field, String message) {
    }

    static Description describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return describe(jackson);
            }
        }
        return null;
    }

    private static Description describe(JacksonException failure) {
        String field = path(failure.getPath());
        if (failure instanceof UnrecognizedPropertyException) {
            return field("Unknown field '" + field + "'", field, "is not a known field");
        }
        if (failure instanceof InvalidNullException) {
            return field("Field '" + field + "' must not be null", field, "must not be null");
        }
        if (failure instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                && text.indexOf('\0') >= 0) {
            return field("Field '" + field + "' " + InputScreeningFilter.NUL_MESSAGE, field, InputScreeningFilter.NUL_MESSAGE);
        }
        if (failure instanceof InvalidFormatException invalid) {
            String expected = expected(invalid.getTargetType());
            return field("Field '" + field + "' must be " + expected, field, "must be " + expected);
        }
        if (failure instanceof ValueInstantiationException) {
            // A creator (a @JsonCreator factory, a record's compact constructor) that refuses a value with an
            // IllegalArgumentException states what is wrong for the client; anything else stays unsaid.
            String refusal = failure.getCause() instanceof IllegalArgumentException refused
                    && refused.getMessage() != null && !refused.getMessage().isBlank() ? refused.getMessage() : null;
            if (field.isEmpty()) {
                return new Description(refusal == null ? "Request body has invalid values"
                        : "Request body is invalid: " + refusal, null, null);
            }
            return refusal == null
                    ? field("Field '" + field + "' has an invalid value", field, "is invalid")
                    : field("Field '" + field + "' " + refusal, field, refusal);
        }
        if (failure instanceof MismatchedInputException mismatched) {
            if (field.isEmpty()) {
                return new Description("Request body must be " + expected(mismatched.getTargetType()), null, null);
            }
            String expected = expected(mismatched.getTargetType());
            return field("Field '" + field + "' must be " + expected, field, "must be " + expected);
        }
        if (failure instanceof StreamReadException read && failure.processor() instanceof JsonParser parser) {
            String at = path(parser.streamReadContext());
            if (!at.isEmpty() && failure instanceof InputCoercionException) {
                return field("Field '" + at + "' is out of range", at, "is out of range");
            }
            if (!at.isEmpty() && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith("Duplicate Object property")) {
                return field("Field '" + at + "' appears more than once", at, "appears more than once");
            }
        }
        if (failure instanceof StreamReadException) {
            TokenStreamLocation location = failure.getLocation();
            String where = location == null || location.getLineNr() < 0 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return new Description("Malformed JSON" + where, null, null);
        }
        return new Description("Request body cannot be read", null, null);
    }

    /** The enum's {@code @JsonValue} method, if it has one: its JSON names are what a client must send. */
    private static java.lang.reflect.Method jsonValue(Class<?> type) {
        for (java.lang.reflect.Method method : type.getMethods()) {
            JsonValue annotation = method.getAnnotation(JsonValue.class);
            if (annotation != null && annotation.value() && method.getParameterCount() == 0) {
                return method;
            }
        }
        return null;
    }

    private static String jsonName(Enum<?> constant, java.lang.reflect.Method jsonValue) {
        if (jsonValue != null) {
            try {
                return String.valueOf(jsonValue.invoke(constant));
            } catch (ReflectiveOperationException | RuntimeException failure) {
                return constant.name();
            }
        }
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property != null && !property.value().isEmpty() ? property.value() : constant.name();
        } catch (NoSuchFieldException failure) {
            return constant.name();
        }
    }

    private static Description field(String detail, String field, String message) {
        return new Description(detail, field.isEmpty() ? null : field, message);
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The path of the parser's current value: {@code pizza_items[0].size}. */
    private static String path(TokenStreamContext context) {
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.currentName() != null) {
                segments.addFirst("." + at.currentName());
            } else if (at.inArray() && at.hasCurrentIndex()) {
                segments.addFirst("[" + at.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            java.lang.reflect.Method jsonValue = jsonValue(type);
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(jsonName((Enum<?>) constants[i], jsonValue));
            }
            return values.toString();
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
            return "a number";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (java.time.Duration.class == type) {
            return "an ISO-8601 duration";
        }
        return "an object";
    }
}
