package dev.myelin.postgres.document;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.Outbox;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link PostgresDocumentRepository} of an application shares: the database, the
 * transaction runner, the event store the recorded events go to, the outbox that delivers them, the
 * JSON mapper and the framework schema. Build one and pass it to each repository.
 *
 * <pre>{@code
 * DocumentStore documents = DocumentStore.builder(dataSource, transactions, eventStore)
 *         .outbox(dispatcher)
 *         .build();
 * OrderRepository orders = new OrderRepository(documents);
 * }</pre>
 *
 * <p><b>Same transaction.</b> The event store must join the runner's transactions (a
 * {@link dev.myelin.postgres.PostgresEventStore} built with the same {@link JdbcTransactionRunner}),
 * and so must the outbox, so that state, events and outbox rows commit together.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DocumentStore {

    private final DataSource dataSource;
    private final JdbcTransactionRunner transactions;
    private final EventStore eventStore;
    private final Outbox outbox;
    private final JsonMapper mapper;
    private final MyelinSchema schema;

    private DocumentStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.transactions = builder.transactions;
        this.eventStore = builder.eventStore;
        this.outbox = builder.outbox;
        this.mapper = builder.mapper;
        this.schema = builder.schema;
    }

    /**
     * Starts a builder.
     *
     * @param dataSource where connections come from when no transaction is active
     * @param transactions the runner whose transactions saves join
     * @param eventStore where recorded events are appended, joining the same transactions
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, JdbcTransactionRunner transactions, EventStore eventStore) {
        return new Builder(dataSource, transactions, eventStore);
    }

    DataSource dataSource() {
        return dataSource;
    }

    JdbcTransactionRunner transactions() {
        return transactions;
    }

    EventStore eventStore() {
        return eventStore;
    }

    Optional<Outbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    JsonMapper mapper() {
        return mapper;
    }

    MyelinSchema schema() {
        return schema;
    }

    /**
     * Builds a {@link DocumentStore}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private final JdbcTransactionRunner transactions;
        private final EventStore eventStore;
        private Outbox outbox;
        private JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();
        private MyelinSchema schema = MyelinSchema.DEFAULT;

        private Builder(DataSource dataSource, JdbcTransactionRunner transactions, EventStore eventStore) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
        }

        /**
         * Sets the outbox that saved events are enqueued in; none by default (events are only
         * appended to the log).
         *
         * @param value the outbox, or {@code null} for none
         * @return this builder
         */
        public Builder outbox(Outbox value) {
            this.outbox = value;
            return this;
        }

        /**
         * Sets the mapper of the documents' state, by default that of
         * {@link JacksonEventSerializer#mapperBuilder()} (java.time as ISO-8601, exact decimals).
         *
         * @param value the mapper
         * @return this builder
         */
        public Builder mapper(JsonMapper value) {
            this.mapper = Objects.requireNonNull(value, "mapper");
            return this;
        }

        /**
         * Sets the framework schema holding the {@code documents} table, {@link MyelinSchema#DEFAULT} by default.
         *
         * @param value the schema
         * @return this builder
         */
        public Builder schema(MyelinSchema value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /**
         * Builds the store.
         *
         * @return the store
         */
        public DocumentStore build() {
            return new DocumentStore(this);
        }
    }
}
