package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import java.util.Optional;

/**
 * Who sends the current command, read from {@link RequestContext#current()}: the name staff act
 * under and whether they manage the pizzeria (managers may overrule a driver's assignment).
 *
 * @param name the principal's name, or {@code null} for an anonymous caller
 * @param manager whether the caller has the {@code manager} role
 */
record Caller(String name, boolean manager) {

    static Caller current() {
        Optional<Principal> principal = RequestContext.current().principal();
        return principal.map(p -> new Caller(p.name(), p.hasRole("manager"))).orElse(new Caller(null, false));
    }
}
