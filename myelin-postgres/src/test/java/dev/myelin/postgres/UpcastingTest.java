package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.core.DomainEvent;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.math.BigDecimal;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Old payloads are upcast on read through the whole chain; renamed types are read through aliases. */
class UpcastingTest {

    /** Version 1: a price in cents. */
    record OrderPlacedV1(String orderId, long priceCents) implements DomainEvent {
    }

    /** Version 2: the price as a decimal. */
    record OrderPlacedV2(String orderId, BigDecimal price) implements DomainEvent {
    }

    /** Version 3, today's class: a decimal price and a currency. */
    @EventSchema(name = "OrderPlaced", version = 3)
    record OrderPlaced(String orderId, BigDecimal price, String currency) implements DomainEvent {
    }

    /** Formerly stored as "PizzaBaked". */
    record PizzaReady(String orderId) implements DomainEvent {
    }

    private static DataSource dataSource;
    private static JdbcTransactionRunner transactions;

    @BeforeAll
    static void createDatabase() {
        dataSource = SharedPostgres.freshDatabase();
        transactions = new JdbcTransactionRunner(dataSource);
    }

    private static PostgresEventStore store(EventTypeRegistry types) {
        return PostgresEventStore.builder(dataSource, transactions, transactions, JacksonEventSerializer.of(types)).build();
    }

    private static EventTypeRegistry today() {
        return EventTypeRegistry.builder()
                .register(OrderPlaced.class)
                .register(PizzaReady.class)
                .alias("PizzaBaked", PizzaReady.class)
                .upcaster(EventUpcaster.of("OrderPlaced", 2, payload -> payload.put("currency", "EUR")))
                .upcaster(EventUpcaster.of("OrderPlaced", 1, payload -> {
                    long cents = payload.remove("priceCents").asLong();
                    return payload.put("price", BigDecimal.valueOf(cents, 2));
                }))
                .build();
    }

    @Test
    void eventsOfEveryOlderVersionAreReadAsTheCurrentVersion() {
        store(EventTypeRegistry.builder().register(OrderPlacedV1.class, "OrderPlaced", 1).build())
                .append("Order-1", ExpectedVersion.any(), List.of(new OrderPlacedV1("1", 1250)), EventMetadata.empty());
        store(EventTypeRegistry.builder().register(OrderPlacedV2.class, "OrderPlaced", 2).build())
                .append("Order-1", ExpectedVersion.any(), List.of(new OrderPlacedV2("1", new BigDecimal("7.05"))),
                        EventMetadata.empty());
        PostgresEventStore current = store(today());
        current.append("Order-1", ExpectedVersion.any(), List.of(new OrderPlaced("1", new BigDecimal("3.10"), "CHF")),
                EventMetadata.empty());

        List<StoredEvent> events = current.readStream("Order-1", 1, 10);

        assertThat(events).extracting(StoredEvent::event).containsExactly(
                new OrderPlaced("1", new BigDecimal("12.50"), "EUR"),
                new OrderPlaced("1", new BigDecimal("7.05"), "EUR"),
                new OrderPlaced("1", new BigDecimal("3.10"), "CHF"));
        assertThat(events).extracting(StoredEvent::schemaVersion).containsOnly(3);
        assertThat(events).extracting(StoredEvent::type).containsOnly("OrderPlaced");
    }

    @Test
    void aRenamedTypeIsReadThroughItsAlias() {
        store(EventTypeRegistry.builder().register(PizzaReady.class, "PizzaBaked", 1).build())
                .append("Order-2", ExpectedVersion.any(), List.of(new PizzaReady("2")), EventMetadata.empty());

        StoredEvent event = store(today()).readStream("Order-2", 1, 10).get(0);

        assertThat(event.event()).isEqualTo(new PizzaReady("2"));
        assertThat(event.type()).isEqualTo("PizzaReady");
    }

    @Test
    void aMissingLinkInTheChainNamesTheTypeAndVersion() {
        JacksonEventSerializer gap = JacksonEventSerializer.of(EventTypeRegistry.builder()
                .register(OrderPlaced.class)
                .upcaster(EventUpcaster.of("OrderPlaced", 2, payload -> payload.put("currency", "EUR")))
                .build());

        assertThatThrownBy(() -> gap.deserialize("OrderPlaced", 1, "{\"orderId\":\"1\",\"priceCents\":5}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OrderPlaced version 1");
    }

    @Test
    void anUpcasterForAnUnknownTypeOrTheCurrentVersionIsRefusedAtBuild() {
        assertThatThrownBy(() -> EventTypeRegistry.builder().register(OrderPlaced.class)
                .upcaster(EventUpcaster.of("OrderPlaced", 3, payload -> payload)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> EventTypeRegistry.builder()
                .upcaster(EventUpcaster.of("Nothing", 1, payload -> payload)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nothing");
    }
}
