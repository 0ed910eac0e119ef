package dev.myelin.core;

import java.util.Objects;
import java.util.Set;

/**
 * Who sent a request: a name and the roles granted. Carried by the {@link RequestContext}; the
 * authorization behavior checks it. Not {@link java.security.Principal}, which has no roles.
 *
 * @param name the caller's name, such as a user name or client id
 * @param roles the roles granted, such as {@code "chef"}
 * @since 0.1
 */
public record Principal(String name, Set<String> roles) {

    /** Validates and copies the components. */
    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    /**
     * Creates a principal.
     *
     * @param name the name
     * @param roles the roles
     * @return the principal
     */
    public static Principal of(String name, String... roles) {
        return new Principal(name, Set.of(roles));
    }

    /**
     * Returns whether the principal has the role.
     *
     * @param role the role
     * @return whether it is granted
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
