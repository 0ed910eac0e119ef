package dev.myelin.spring.boot.web;

import java.util.Collection;
import java.util.List;
import tools.jackson.core.JacksonException;
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
        if (failure instanceof StreamReadException) {
            TokenStreamLocation location = failure.getLocation();
            String where = location == null || location.getLineNr() < 0 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return new Description("Malformed JSON" + where, null, null);
        }
        return new Description("Request body cannot be read", null, null);
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

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name());
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
