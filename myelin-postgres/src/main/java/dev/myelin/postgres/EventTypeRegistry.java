package dev.myelin.postgres;

import dev.myelin.core.DomainEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The event types an event store may write and read: for each, its stored name, its class and its
 * current schema version, plus the upcasters from older versions and the aliases of former names.
 * Registration is explicit, so that renaming a class never silently changes what is stored.
 *
 * <pre>{@code
 * EventTypeRegistry types = EventTypeRegistry.builder()
 *         .register(OrderPlaced.class)                        // "OrderPlaced", version 1, or as @EventSchema says
 *         .register(PizzaReady.class, "PizzaReady", 2)
 *         .upcaster(EventUpcaster.of("PizzaReady", 1, payload -> payload.put("oven", "main")))
 *         .alias("PizzaBaked", PizzaReady.class)              // a former name, still in old events
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe once built. Checked at {@link Builder#build()}: names and classes are
 * unique, every upcaster reads a version below its type's current version and no two read the same.
 *
 * @since 0.1
 */
public final class EventTypeRegistry {

    /** One registered type. */
    record Registration(String name, Class<? extends DomainEvent> type, int schemaVersion) {
    }

    private final Map<Class<?>, Registration> byClass;
    private final Map<String, Registration> byName;
    private final Map<String, EventUpcaster[]> upcasters;

    private EventTypeRegistry(Builder builder) {
        this.byClass = Map.copyOf(builder.byClass);
        this.byName = Map.copyOf(builder.byName);
        Map<String, EventUpcaster[]> chains = new HashMap<>();
        for (Registration registration : builder.byClass.values()) {
            EventUpcaster[] chain = new EventUpcaster[registration.schemaVersion()];
            for (EventUpcaster upcaster : builder.upcasters.values()) {
                if (upcaster.type().equals(registration.name())) {
                    chain[upcaster.fromSchemaVersion()] = upcaster;
                }
            }
            chains.put(registration.name(), chain);
        }
        this.upcasters = Map.copyOf(chains);
    }

    /**
     * Starts a registry.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the stored name of an event class.
     *
     * @param type the event class
     * @return the name
     * @throws IllegalArgumentException when the class is not registered
     */
    public String nameOf(Class<?> type) {
        return registration(type).name();
    }

    /**
     * Returns the class of a stored type name, or of a former name registered as an alias.
     *
     * @param name the stored name
     * @return the event class
     * @throws IllegalArgumentException when the name is not registered
     */
    public Class<? extends DomainEvent> classOf(String name) {
        return registration(name).type();
    }

    /**
     * Returns the current schema version of a stored type name.
     *
     * @param name the stored name or an alias
     * @return the version
     * @throws IllegalArgumentException when the name is not registered
     */
    public int schemaVersionOf(String name) {
        return registration(name).schemaVersion();
    }

    Registration registration(Class<?> type) {
        Registration registration = byClass.get(type);
        if (registration == null) {
            throw new IllegalArgumentException("Event class " + type.getName() + " is not registered: add it with "
                    + "EventTypeRegistry.builder().register(" + type.getSimpleName() + ".class)");
        }
        return registration;
    }

    Registration registration(String name) {
        Registration registration = byName.get(name);
        if (registration == null) {
            throw new IllegalArgumentException("Stored event type '" + name + "' is not registered: register its class, "
                    + "or an alias if it was renamed");
        }
        return registration;
    }

    /** Returns the upcaster reading {@code fromVersion} of a current type name, or {@code null}. */
    EventUpcaster upcaster(String currentName, int fromVersion) {
        EventUpcaster[] chain = upcasters.get(currentName);
        return chain == null || fromVersion < 1 || fromVersion >= chain.length ? null : chain[fromVersion];
    }

    /**
     * Builds an {@link EventTypeRegistry}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<Class<?>, Registration> byClass = new LinkedHashMap<>();
        private final Map<String, Registration> byName = new LinkedHashMap<>();
        private final Map<String, EventUpcaster> upcasters = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers an event class under the name and version of its {@link EventSchema}, or under
         * its simple name at version 1.
         *
         * @param type the event class
         * @return this builder
         */
        public Builder register(Class<? extends DomainEvent> type) {
            EventSchema schema = type.getAnnotation(EventSchema.class);
            String name = schema == null || schema.name().isEmpty() ? type.getSimpleName() : schema.name();
            return register(type, name, schema == null ? 1 : schema.version());
        }

        /**
         * Registers an event class under a name at a current schema version.
         *
         * @param type the event class
         * @param name the stored name
         * @param schemaVersion the current schema version, 1 or more
         * @return this builder
         */
        public Builder register(Class<? extends DomainEvent> type, String name, int schemaVersion) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("The stored name of " + type.getName() + " is blank");
            }
            if (schemaVersion < 1) {
                throw new IllegalArgumentException("Schema versions start at 1; " + name + " has " + schemaVersion);
            }
            Registration registration = new Registration(name, type, schemaVersion);
            if (byClass.putIfAbsent(type, registration) != null) {
                throw new IllegalStateException("Event class " + type.getName() + " is registered twice");
            }
            putName(name, registration);
            return this;
        }

        /**
         * Registers a former name of a registered class, so that events stored under it are still read.
         * Their schema versions continue the class's: upcasters are registered under the current name.
         *
         * @param formerName the name found in old events
         * @param type the registered class it now means
         * @return this builder
         */
        public Builder alias(String formerName, Class<? extends DomainEvent> type) {
            Registration registration = byClass.get(type);
            if (registration == null) {
                throw new IllegalStateException("Register " + type.getName() + " before its alias '" + formerName + "'");
            }
            putName(formerName, registration);
            return this;
        }

        /**
         * Adds an upcaster.
         *
         * @param upcaster the upcaster, for a type registered before or after it
         * @return this builder
         */
        public Builder upcaster(EventUpcaster upcaster) {
            String key = upcaster.type() + "@" + upcaster.fromSchemaVersion();
            if (upcasters.putIfAbsent(key, upcaster) != null) {
                throw new IllegalStateException("Two upcasters read " + upcaster.type() + " version "
                        + upcaster.fromSchemaVersion());
            }
            return this;
        }

        /**
         * Checks and builds the registry.
         *
         * @return the registry
         * @throws IllegalStateException when an upcaster names an unknown type or reads a version not
         *     below the type's current version
         */
        public EventTypeRegistry build() {
            for (EventUpcaster upcaster : upcasters.values()) {
                Registration registration = byName.get(upcaster.type());
                if (registration == null || !registration.name().equals(upcaster.type())) {
                    throw new IllegalStateException("Upcaster " + upcaster + " is for '" + upcaster.type()
                            + "', which is not the current name of a registered type");
                }
                if (upcaster.fromSchemaVersion() >= registration.schemaVersion()) {
                    throw new IllegalStateException("Upcaster " + upcaster + " reads version " + upcaster.fromSchemaVersion()
                            + " but " + registration.name() + " is at version " + registration.schemaVersion());
                }
            }
            return new EventTypeRegistry(this);
        }

        private void putName(String name, Registration registration) {
            Registration previous = byName.putIfAbsent(name, registration);
            if (previous != null) {
                throw new IllegalStateException("Stored name '" + name + "' is taken by " + previous.type().getName());
            }
        }
    }
}
