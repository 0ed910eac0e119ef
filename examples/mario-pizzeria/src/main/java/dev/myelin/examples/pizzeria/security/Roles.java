package dev.myelin.examples.pizzeria.security;

import dev.myelin.core.Principal;
import java.util.Set;

/**
 * The pizzeria's roles. Spring Security holds them as authorities {@code ROLE_<name>}; the starter's
 * request context strips the prefix, so {@code @RequiresRole("chef")} matches {@code ROLE_chef}.
 */
final class Roles {

    static final String CUSTOMER = "customer";
    static final String CHEF = "chef";
    static final String DRIVER = "driver";
    static final String MANAGER = "manager";

    /** The roles that see every order. */
    static final String[] STAFF = {CHEF, DRIVER, MANAGER};

    private Roles() {
    }

    /** Whether the caller works at the pizzeria (and so is not scoped to its own orders). */
    static boolean isStaff(Principal principal) {
        for (String role : STAFF) {
            if (principal.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the caller has one of the roles. */
    static boolean hasAny(Principal principal, Set<String> roles) {
        for (String role : roles) {
            if (principal.hasRole(role)) {
                return true;
            }
        }
        return false;
    }
}
