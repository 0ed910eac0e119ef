package dev.myelin.postgres;

import java.util.Objects;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a stored event payload of one schema version into the next version, so that old events
 * can be read with today's event class. The serializer applies upcasters on read, one after the
 * other, from the stored version up to the registered current version; stored rows are never
 * rewritten.
 *
 * <pre>{@code
 * // version 1 had no currency; version 2 has one
 * EventUpcaster.of("OrderPlaced", 1, payload -> payload.put("currency", "EUR"));
 * }</pre>
 *
 * <p>Implementations must be stateless and thread-safe; they may modify and return the node they
 * are given.
 *
 * @since 0.1
 */
public interface EventUpcaster {

    /**
     * Returns the current type name of the events this upcaster reads.
     *
     * @return the type name
     */
    String type();

    /**
     * Returns the schema version this upcaster reads; it produces the next one.
     *
     * @return the version, 1 or more
     */
    int fromSchemaVersion();

    /**
     * Transforms a payload of {@link #fromSchemaVersion()} into one of the next version.
     *
     * @param payload the payload, which may be modified
     * @return the upcast payload
     */
    ObjectNode upcast(ObjectNode payload);

    /**
     * Returns an upcaster made of a function.
     *
     * @param type the current type name
     * @param fromSchemaVersion the version read
     * @param upcast the transformation into the next version
     * @return the upcaster
     */
    static EventUpcaster of(String type, int fromSchemaVersion, UnaryOperator<ObjectNode> upcast) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(upcast, "upcast");
        if (fromSchemaVersion < 1) {
            throw new IllegalArgumentException("Schema versions start at 1, was " + fromSchemaVersion);
        }
        return new EventUpcaster() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int fromSchemaVersion() {
                return fromSchemaVersion;
            }

            @Override
            public ObjectNode upcast(ObjectNode payload) {
                return upcast.apply(payload);
            }

            @Override
            public String toString() {
                return "EventUpcaster[" + type + " v" + fromSchemaVersion + " -> v" + (fromSchemaVersion + 1) + "]";
            }
        };
    }
}
