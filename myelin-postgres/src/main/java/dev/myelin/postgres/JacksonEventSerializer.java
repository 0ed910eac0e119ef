package dev.myelin.postgres;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.events.EventMetadata;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns domain events into JSON payloads and back with Jackson 3, through an
 * {@link EventTypeRegistry}; upcasts old payloads on read.
 *
 * <pre>{@code
 * JacksonEventSerializer serializer = JacksonEventSerializer.of(types);
 * }</pre>
 *
 * <p><b>Exactness.</b> The default mapper ({@link #mapperBuilder()}) never goes through floating
 * point for decimals: {@code BigDecimal} values are written as plain JSON numbers and read back
 * with the same scale ({@code 12.50} stays {@code 12.50}, also inside upcast trees), and the event
 * log's {@code json} columns keep the text as written. {@code java.time} values are ISO-8601 strings. Unknown
 * properties are ignored on read, so that removing a field needs no upcaster.
 *
 * <p><b>Upcasting.</b> A payload stored at schema version {@code s} of a type whose current version is
 * {@code c > s} goes through the registered upcasters {@code s -> s+1 -> ... -> c}; the result carries
 * version {@code c}. A missing link is an {@link IllegalStateException} naming the type and version.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class JacksonEventSerializer {

    /**
     * An event ready to store.
     *
     * @param type the stored type name
     * @param schemaVersion the payload's schema version
     * @param payload the JSON text
     * @since 0.1
     */
    public record Serialized(String type, int schemaVersion, String payload) {
    }

    /**
     * An event read back, upcast to its current schema version.
     *
     * @param type the current type name
     * @param schemaVersion the current schema version
     * @param event the event
     * @since 0.1
     */
    public record Deserialized(String type, int schemaVersion, DomainEvent event) {
    }

    private static final String CORRELATION_ID = "correlation_id";
    private static final String CAUSATION_ID = "causation_id";
    private static final String PRINCIPAL = "principal";
    private static final String TENANT = "tenant";
    private static final String EXTRA = "extra";

    private final EventTypeRegistry types;
    private final JsonMapper mapper;
    /** {@link EventMetadata#empty()} serialized once: most appends carry no metadata. */
    private final String emptyMetadata;

    private JacksonEventSerializer(EventTypeRegistry types, JsonMapper mapper) {
        this.types = Objects.requireNonNull(types, "types");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.emptyMetadata = write(EventMetadata.empty());
    }

    /**
     * Returns a serializer with the default mapper.
     *
     * @param types the registered event types
     * @return the serializer
     */
    public static JacksonEventSerializer of(EventTypeRegistry types) {
        return new JacksonEventSerializer(types, mapperBuilder().build());
    }

    /**
     * Returns a serializer with a mapper of the caller's; start it from {@link #mapperBuilder()} to
     * keep decimals exact.
     *
     * @param types the registered event types
     * @param mapper the mapper
     * @return the serializer
     */
    public static JacksonEventSerializer of(EventTypeRegistry types, JsonMapper mapper) {
        return new JacksonEventSerializer(types, mapper);
    }

    /**
     * Returns a builder of the default mapper, to customize: exact decimals, ISO-8601 dates,
     * unknown properties ignored.
     *
     * @return a new builder
     */
    public static JsonMapper.Builder mapperBuilder() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    /**
     * Returns the registered event types.
     *
     * @return the registry
     */
    public EventTypeRegistry types() {
        return types;
    }

    /**
     * Serializes an event at its type's current schema version.
     *
     * @param event the event, of a registered class
     * @return the stored form
     * @throws IllegalArgumentException when the event's class is not registered
     */
    public Serialized serialize(DomainEvent event) {
        EventTypeRegistry.Registration registration = types.registration(event.getClass());
        return new Serialized(registration.name(), registration.schemaVersion(), mapper.writeValueAsString(event));
    }

    /**
     * Reads a stored event, upcasting it to its type's current schema version.
     *
     * @param type the stored type name (a current name or an alias)
     * @param schemaVersion the stored schema version
     * @param payload the stored JSON
     * @return the event at its current version
     * @throws IllegalArgumentException when the type is not registered
     * @throws IllegalStateException when an upcaster is missing or the stored version is newer than the class
     */
    public Deserialized deserialize(String type, int schemaVersion, String payload) {
        EventTypeRegistry.Registration registration = types.registration(type);
        int current = registration.schemaVersion();
        if (schemaVersion == current) {
            return new Deserialized(registration.name(), current, mapper.readValue(payload, registration.type()));
        }
        if (schemaVersion > current) {
            throw new IllegalStateException("Stored " + type + " has schema version " + schemaVersion + ", newer than the "
                    + current + " of " + registration.type().getName() + ": deploy the newer event class");
        }
        JsonNode tree = mapper.readTree(payload);
        if (!(tree instanceof ObjectNode node)) {
            throw new IllegalStateException("Stored " + type + " version " + schemaVersion + " is not a JSON object");
        }
        ObjectNode upcast = node;
        for (int version = schemaVersion; version < current; version++) {
            EventUpcaster upcaster = types.upcaster(registration.name(), version);
            if (upcaster == null) {
                throw new IllegalStateException("No upcaster reads " + registration.name() + " version " + version
                        + " (stored at " + schemaVersion + ", current " + current + ")");
            }
            upcast = Objects.requireNonNull(upcaster.upcast(upcast), () -> upcaster + " returned null");
        }
        return new Deserialized(registration.name(), current, mapper.treeToValue(upcast, registration.type()));
    }

    /**
     * Serializes event metadata as a JSON object with the keys {@code correlation_id},
     * {@code causation_id}, {@code principal}, {@code tenant} (each left out when absent) and
     * {@code extra}.
     *
     * @param metadata the metadata
     * @return the JSON text
     */
    public String serializeMetadata(EventMetadata metadata) {
        return metadata == EventMetadata.empty() || metadata.equals(EventMetadata.empty()) ? emptyMetadata : write(metadata);
    }

    private String write(EventMetadata metadata) {
        // Streamed, not built as a tree first: once per append with metadata.
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            writeIfPresent(json, CORRELATION_ID, metadata.correlationId());
            writeIfPresent(json, CAUSATION_ID, metadata.causationId());
            writeIfPresent(json, PRINCIPAL, metadata.principal());
            writeIfPresent(json, TENANT, metadata.tenant());
            json.writeObjectPropertyStart(EXTRA);
            for (Map.Entry<String, String> entry : metadata.extra().entrySet()) {
                json.writeStringProperty(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toString();
    }

    /**
     * Reads metadata written by {@link #serializeMetadata}.
     *
     * @param json the JSON text
     * @return the metadata
     */
    public EventMetadata deserializeMetadata(String json) {
        JsonNode node = mapper.readTree(json);
        Map<String, String> extra = new LinkedHashMap<>();
        JsonNode extraNode = node.get(EXTRA);
        if (extraNode != null && extraNode.isObject()) {
            for (Map.Entry<String, JsonNode> entry : extraNode.properties()) {
                extra.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return new EventMetadata(text(node, CORRELATION_ID), text(node, CAUSATION_ID), text(node, PRINCIPAL),
                text(node, TENANT), extra);
    }

    private static void writeIfPresent(JsonGenerator json, String key, String value) {
        if (value != null) {
            json.writeStringProperty(key, value);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }
}
