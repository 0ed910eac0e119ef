package dev.myelin.behaviors.authorization;

/**
 * Thrown by {@link AuthorizationBehavior} when it refuses a request whose result type is not
 * {@link dev.myelin.core.OperationResult} (requests returning one get a 401 or 403 result
 * instead). The message names the request type and, for 403, the required roles; it never lists
 * the caller's roles.
 *
 * @since 0.1
 */
public final class AuthorizationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status of a refusal because nobody is authenticated. */
    public static final int UNAUTHORIZED = 401;

    /** Status of a refusal because the caller lacks every required role. */
    public static final int FORBIDDEN = 403;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status {@link #UNAUTHORIZED} or {@link #FORBIDDEN}
     * @param message what was required
     */
    public AuthorizationException(int status, String message) {
        super(message);
        if (status != UNAUTHORIZED && status != FORBIDDEN) {
            throw new IllegalArgumentException("status must be 401 or 403, was " + status);
        }
        this.status = status;
    }

    /**
     * Returns the HTTP status this refusal maps to.
     *
     * @return 401 when nobody was authenticated, 403 when the caller lacked the roles
     */
    public int status() {
        return status;
    }
}
