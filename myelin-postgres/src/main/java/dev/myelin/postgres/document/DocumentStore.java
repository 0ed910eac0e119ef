package dev.myelin.postgres.document;

import dev.myelin.data.transaction.CurrentConnection;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.AfterAppend;
import dev.myelin.data.events.EventStore;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.PostgresEventStore;
import java.util.Objects;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link PostgresDocumentRepository} of an application shares: the database, the
 * transaction runner and the connection port, the event store the recorded events go to (an
 * {@link dev.myelin.data.AfterAppend} over the PostgreSQL store, which feeds inline projections and
 * the outbox), the JSON mapper and the framework schema. Build one and pass it to each repository.
 *
 * <pre>{@code
 * EventStore events = AfterAppend.builder(postgresEventStore, transactions).outbox(dispatcher).build();
 * DocumentStore documents = DocumentStore.builder(dataSource, transactions, transactions, events).build();
 * OrderRepository orders = new OrderRepository(documents);
 * }</pre>
 *
 * <p><b>Same transaction.</b> The event store must join the runner's transactions (a
 * {@link dev.myelin.postgres.PostgresEventStore} built with the same runner and {@link CurrentConnection}),
 * and so must its outbox, so that state, events, read models and outbox rows commit together.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DocumentStore {

    private final DataSource dataSource;
    private final TransactionRunner transactions;
    private final CurrentConnection current;
    private final EventStore eventStore;
    private final JsonMapper mapper;
    private final MyelinSchema schema;
    /** The PostgreSQL store behind {@link #eventStore}, for appends with the document's write; or null. */
    private final PostgresEventStore postgres;
    /** The after-append step {@link #eventStore} is, to run after such an append; or null. */
    private final AfterAppend afterAppend;

    private DocumentStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.transactions = builder.transactions;
        this.current = builder.current;
        this.eventStore = builder.eventStore;
        this.mapper = builder.mapper;
        this.schema = builder.schema;
        this.afterAppend = eventStore instanceof AfterAppend step ? step : null;
        EventStore store = afterAppend == null ? eventStore : afterAppend.delegate();
        this.postgres = store instanceof PostgresEventStore postgresStore ? postgresStore : null;
    }

    /**
     * Starts a builder.
     *
     * @param dataSource where connections come from when no transaction is active
     * @param transactions the runner of the caller's transactions; a save outside one opens its own
     * @param current the connection of the caller's active transaction, which saves and loads join
     * @param eventStore where recorded events are appended, joining the same transactions
     * @return a builder
     */
    public static Builder builder(DataSource dataSource, TransactionRunner transactions, CurrentConnection current,
            EventStore eventStore) {
        return new Builder(dataSource, transactions, current, eventStore);
    }

    DataSource dataSource() {
        return dataSource;
    }

    TransactionRunner transactions() {
        return transactions;
    }

    CurrentConnection current() {
        return current;
    }

    EventStore eventStore() {
        return eventStore;
    }

    PostgresEventStore postgres() {
        return postgres;
    }

    AfterAppend afterAppend() {
        return afterAppend;
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
        private final TransactionRunner transactions;
        private final CurrentConnection current;
        private final EventStore eventStore;
        private JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();
        private MyelinSchema schema = MyelinSchema.DEFAULT;

        private Builder(DataSource dataSource, TransactionRunner transactions, CurrentConnection current,
                EventStore eventStore) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            this.current = Objects.requireNonNull(current, "current");
            this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
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
