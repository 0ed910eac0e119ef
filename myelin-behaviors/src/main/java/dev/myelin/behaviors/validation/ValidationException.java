package dev.myelin.behaviors.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by {@link ValidationBehavior} when a request whose result type is not
 * {@link dev.myelin.core.OperationResult} is invalid (requests returning one get
 * {@link dev.myelin.core.OperationResult#validationFailed} instead). Carries the same errors:
 * property path → messages, sorted by path then message.
 *
 * @since 0.1
 */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Unmodifiable, in the order given; a LinkedHashMap of immutable lists behind, hence serializable. */
    @SuppressWarnings("serial")
    private final Map<String, List<String>> errors;

    /**
     * Creates the exception.
     *
     * @param requestType the simple name of the request type, for the message
     * @param errors property path → messages; copied, keeping its order
     */
    public ValidationException(String requestType, Map<String, List<String>> errors) {
        super("Validation of " + requestType + " failed: " + errors);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((path, messages) -> copy.put(path, List.copyOf(messages)));
        this.errors = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns what is wrong: property path (in the configured {@link PropertyNaming}) → messages.
     *
     * @return the errors, sorted by path then message
     */
    public Map<String, List<String>> errors() {
        return errors;
    }
}
