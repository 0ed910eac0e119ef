package dev.myelin.core.internal;

import dev.myelin.core.RequestContext;

/** The per-thread binding of {@link RequestContext}; {@code null} when nothing is bound. */
public final class ContextHolder {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private ContextHolder() {
    }

    /**
     * Returns the bound context.
     *
     * @return the context, or {@code null}
     */
    public static RequestContext get() {
        return CURRENT.get();
    }

    /**
     * Binds a context, or unbinds with {@code null}.
     *
     * @param context the context
     */
    public static void set(RequestContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }
}
