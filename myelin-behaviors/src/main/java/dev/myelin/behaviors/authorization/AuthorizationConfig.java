package dev.myelin.behaviors.authorization;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of {@link AuthorizationBehavior}: which roles imply others (a role hierarchy).
 *
 * <pre>{@code
 * AuthorizationConfig config = AuthorizationConfig.builder()
 *         .roleImplies("manager", "chef", "driver")   // a manager may do what a chef or a driver may
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Implications are transitive and resolved once, when the behavior
 * decides which roles each request type accepts.
 *
 * @param impliedRoles role → the roles it implies, transitively closed; unmodifiable
 * @since 0.1
 */
public record AuthorizationConfig(Map<String, Set<String>> impliedRoles) {

    /** Default role hierarchy: none, every role stands alone. */
    public static final Map<String, Set<String>> DEFAULT_IMPLIED_ROLES = Map.of();

    private static final AuthorizationConfig DEFAULTS = new AuthorizationConfig(DEFAULT_IMPLIED_ROLES);

    /** Validates the components and closes the hierarchy transitively. */
    public AuthorizationConfig {
        impliedRoles = close(Objects.requireNonNull(impliedRoles, "impliedRoles"));
    }

    /**
     * Returns the defaults: no role implies another.
     *
     * @return the default settings
     */
    public static AuthorizationConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the roles that satisfy a requirement for {@code role}: the role itself and every role
     * that implies it.
     *
     * @param role a required role
     * @return the accepted roles, {@code role} first
     */
    Set<String> rolesSatisfying(String role) {
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(role);
        impliedRoles.forEach((holder, implied) -> {
            if (implied.contains(role)) {
                accepted.add(holder);
            }
        });
        return accepted;
    }

    private static Map<String, Set<String>> close(Map<String, Set<String>> direct) {
        Map<String, Set<String>> closed = new LinkedHashMap<>();
        for (String role : direct.keySet()) {
            Set<String> reached = new LinkedHashSet<>();
            Deque<String> pending = new ArrayDeque<>(direct.get(role));
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (!next.equals(role) && reached.add(next)) {
                    pending.addAll(direct.getOrDefault(next, Set.of()));
                }
            }
            closed.put(role, Set.copyOf(reached));
        }
        return Map.copyOf(closed);
    }

    /**
     * Builds an {@link AuthorizationConfig}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final Map<String, Set<String>> impliedRoles = new LinkedHashMap<>(DEFAULT_IMPLIED_ROLES);

        private Builder() {
        }

        /**
         * Declares that a principal holding {@code role} also satisfies requirements for each of
         * {@code impliedRoles}. May be called again for the same role to add more.
         *
         * @param role the senior role, such as {@code "manager"}
         * @param implied the roles it implies, such as {@code "chef"}
         * @return this builder
         */
        public Builder roleImplies(String role, String... implied) {
            Objects.requireNonNull(role, "role");
            Set<String> roles = new LinkedHashSet<>(impliedRoles.getOrDefault(role, Set.of()));
            for (String each : implied) {
                roles.add(Objects.requireNonNull(each, "implied role"));
            }
            impliedRoles.put(role, roles);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public AuthorizationConfig build() {
            return new AuthorizationConfig(impliedRoles);
        }
    }
}
