package dev.myelin.examples.pizzeria.shared;

import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import java.util.Optional;

/**
 * Who sends the current message, read from {@link RequestContext#current()}.
 *
 * @param name the principal's name, or {@code null} for an anonymous caller
 * @param manager whether the caller has the {@code manager} role
 * @since 0.1
 */
public record Caller(String name, boolean manager) {

    /**
     * Returns the caller of the message being handled.
     *
     * @return the caller; an anonymous one has no name
     */
    public static Caller current() {
        Optional<Principal> principal = RequestContext.current().principal();
        return principal.map(p -> new Caller(p.name(), p.hasRole("manager"))).orElse(new Caller(null, false));
    }
}
