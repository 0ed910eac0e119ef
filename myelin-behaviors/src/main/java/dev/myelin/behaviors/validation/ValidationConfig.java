package dev.myelin.behaviors.validation;

import java.util.List;
import java.util.Objects;

/**
 * Settings of {@link ValidationBehavior}: how error paths are named and which constraint groups
 * are checked.
 *
 * <pre>{@code
 * ValidationConfig config = ValidationConfig.builder().propertyNaming(PropertyNaming.IDENTITY).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param propertyNaming how a Java property name becomes an error key
 * @param groups the Jakarta Validation groups to check; empty for the {@code Default} group
 * @since 0.1
 */
public record ValidationConfig(PropertyNaming propertyNaming, List<Class<?>> groups) {

    /** Default naming: snake_case, as the pizzeria's JSON (and Jackson's {@code SNAKE_CASE}). */
    public static final PropertyNaming DEFAULT_PROPERTY_NAMING = PropertyNaming.SNAKE_CASE;

    /** Default groups: none named, so the {@code Default} group is checked. */
    public static final List<Class<?>> DEFAULT_GROUPS = List.of();

    private static final ValidationConfig DEFAULTS = new ValidationConfig(DEFAULT_PROPERTY_NAMING, DEFAULT_GROUPS);

    /** Validates and copies the components. */
    public ValidationConfig {
        Objects.requireNonNull(propertyNaming, "propertyNaming");
        groups = List.copyOf(groups);
    }

    /**
     * Returns the defaults: {@link #DEFAULT_PROPERTY_NAMING}, {@link #DEFAULT_GROUPS}.
     *
     * @return the default settings
     */
    public static ValidationConfig ofDefaults() {
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
     * Builds a {@link ValidationConfig}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private PropertyNaming propertyNaming = DEFAULT_PROPERTY_NAMING;
        private List<Class<?>> groups = DEFAULT_GROUPS;

        private Builder() {
        }

        /**
         * Sets how a Java property name becomes an error key.
         *
         * @param naming {@link PropertyNaming#SNAKE_CASE} (the default), {@link PropertyNaming#IDENTITY}
         *     or your own
         * @return this builder
         */
        public Builder propertyNaming(PropertyNaming naming) {
            this.propertyNaming = Objects.requireNonNull(naming, "naming");
            return this;
        }

        /**
         * Sets the Jakarta Validation groups to check instead of {@code Default}.
         *
         * @param validationGroups the groups
         * @return this builder
         */
        public Builder groups(Class<?>... validationGroups) {
            this.groups = List.of(validationGroups);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public ValidationConfig build() {
            return new ValidationConfig(propertyNaming, groups);
        }
    }
}
