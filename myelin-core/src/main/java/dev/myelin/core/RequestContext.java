package dev.myelin.core;

import dev.myelin.core.internal.ContextHolder;
import dev.myelin.core.internal.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who sent the message being handled, and what caused it: correlation id, causation id, message
 * id, principal, tenant and free-form metadata.
 *
 * <p>An entry point (an HTTP filter, a broker consumer) binds a context to the current thread
 * with {@link #bind()}. While it is bound, every request sent and every event published runs
 * under a {@linkplain #child() child} context: same correlation id, principal, tenant and
 * metadata, a new message id, and the outer message's id as causation id. Behaviors, handlers and
 * recorded events read it with {@link #current()}. {@code sendAsync} and {@code publishAsync} carry
 * it to the executor's thread.
 *
 * <pre>{@code
 * try (var scope = RequestContext.builder().correlationId(header).principal(user).build().bind()) {
 *     mediator.send(new PlaceOrder(...));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Binding is per thread.
 *
 * @since 0.1
 */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(null, null, null, null, null, Map.of());

    private final String correlationId;
    private final String causationId;
    /** Written once, lazily for child contexts (a benign race: Strings are immutable). */
    private String messageId;
    private final long idMost;
    private final long idLeast;
    private final Principal principal;
    private final String tenant;
    private final Map<String, String> metadata;

    private RequestContext(String correlationId, String causationId, String messageId, Principal principal,
            String tenant, Map<String, String> metadata) {
        this(correlationId, causationId, messageId, 0, 0, principal, tenant, metadata);
    }

    private RequestContext(String correlationId, String causationId, String messageId, long idMost, long idLeast,
            Principal principal, String tenant, Map<String, String> metadata) {
        this.correlationId = correlationId;
        this.causationId = causationId;
        this.messageId = messageId;
        this.idMost = idMost;
        this.idLeast = idLeast;
        this.principal = principal;
        this.tenant = tenant;
        this.metadata = metadata;
    }

    /** The message id, written out on first use: a child context made per send costs no string. */
    private String id() {
        String id = messageId;
        if (id == null && idMost != 0) {
            id = Ids.text(idMost, idLeast);
            messageId = id;
        }
        return id;
    }

    /**
     * Returns the context bound to the current thread, or an empty one.
     *
     * @return the current context, never {@code null}
     */
    public static RequestContext current() {
        RequestContext context = ContextHolder.get();
        return context == null ? EMPTY : context;
    }

    /**
     * Returns the empty context: no ids, no principal, no tenant, no metadata.
     *
     * @return the empty context
     */
    public static RequestContext empty() {
        return EMPTY;
    }

    /**
     * Starts a builder. A context built without a message id gets a new one; without a
     * correlation id it uses its message id.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding this context's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.correlationId = correlationId;
        builder.causationId = causationId;
        builder.messageId = id();
        builder.principal = principal;
        builder.tenant = tenant;
        builder.metadata.putAll(metadata);
        return builder;
    }

    /**
     * Returns the context of a message caused by the message this context describes: a new
     * message id, this message id as causation id, everything else the same.
     *
     * @return the child context
     */
    public RequestContext child() {
        String parentId = id();
        String correlation = correlationId != null ? correlationId : parentId;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new RequestContext(correlation, parentId, null, Ids.mostBits(random.nextLong()),
                Ids.leastBits(random.nextLong()), principal, tenant, metadata);
    }

    /**
     * Binds this context to the current thread until the returned scope is closed, which
     * restores what was bound before. Close it on the same thread.
     *
     * @return the scope to close
     */
    public Scope bind() {
        RequestContext previous = ContextHolder.get();
        ContextHolder.set(this);
        return () -> ContextHolder.set(previous);
    }

    /**
     * Returns the id shared by every message of one conversation.
     *
     * @return the correlation id, if any
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * Returns the id of the message that caused this one.
     *
     * @return the causation id, if any
     */
    public Optional<String> causationId() {
        return Optional.ofNullable(causationId);
    }

    /**
     * Returns the id of the message being handled.
     *
     * @return the message id, if any
     */
    public Optional<String> messageId() {
        return Optional.ofNullable(id());
    }

    /**
     * Returns who sent the message.
     *
     * @return the principal, if authenticated
     */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    /**
     * Returns the tenant the message belongs to.
     *
     * @return the tenant, if any
     */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /**
     * Returns free-form metadata, such as an idempotency key.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Returns whether this is the empty context.
     *
     * @return whether nothing is set
     */
    public boolean isEmpty() {
        return this == EMPTY;
    }

    @Override
    public String toString() {
        return "RequestContext[correlationId=" + correlationId + ", causationId=" + causationId + ", messageId="
                + id() + ", principal=" + (principal == null ? null : principal.name()) + ", tenant=" + tenant
                + ", metadata=" + metadata.keySet() + "]";
    }

    /**
     * A binding of a context to a thread; closing it restores the previous binding.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        /** Restores the context bound before. Never throws. */
        @Override
        void close();
    }

    /**
     * Builds a {@link RequestContext}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private String correlationId;
        private String causationId;
        private String messageId;
        private Principal principal;
        private String tenant;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the correlation id.
         *
         * @param value the id, or {@code null}
         * @return this builder
         */
        public Builder correlationId(String value) {
            this.correlationId = value;
            return this;
        }

        /**
         * Sets the causation id.
         *
         * @param value the id, or {@code null}
         * @return this builder
         */
        public Builder causationId(String value) {
            this.causationId = value;
            return this;
        }

        /**
         * Sets the message id.
         *
         * @param value the id, or {@code null} for a new one
         * @return this builder
         */
        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        /**
         * Sets the principal.
         *
         * @param value the principal, or {@code null} for anonymous
         * @return this builder
         */
        public Builder principal(Principal value) {
            this.principal = value;
            return this;
        }

        /**
         * Sets the tenant.
         *
         * @param value the tenant, or {@code null}
         * @return this builder
         */
        public Builder tenant(String value) {
            this.tenant = value;
            return this;
        }

        /**
         * Adds one metadata entry.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public RequestContext build() {
            String id = messageId != null ? messageId : Ids.newId();
            return new RequestContext(correlationId != null ? correlationId : id, causationId, id, principal, tenant,
                    Map.copyOf(metadata));
        }
    }
}
