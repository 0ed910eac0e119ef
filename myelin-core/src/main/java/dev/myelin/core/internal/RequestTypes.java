package dev.myelin.core.internal;

import dev.myelin.core.Request;

/** Answers {@link Request#resultType(Class)}. */
public final class RequestTypes {

    private RequestTypes() {
    }

    /**
     * Resolves the raw result type of a request type.
     *
     * @param requestType the request type
     * @return the raw {@code R} of {@code Request<R>}, or {@code Object.class}
     */
    public static Class<?> resultType(Class<?> requestType) {
        Class<?>[] arguments = TypeArguments.of(requestType, Request.class, true);
        return arguments == null || arguments[0] == null ? Object.class : arguments[0];
    }
}
