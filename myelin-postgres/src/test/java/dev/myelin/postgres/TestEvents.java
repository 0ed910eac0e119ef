package dev.myelin.postgres;

import dev.myelin.core.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Events of the tests, a small pizzeria. */
final class TestEvents {

    private TestEvents() {
    }

    record PizzaOrdered(String orderId, BigDecimal total, Instant placedAt, List<String> toppings) implements DomainEvent {
    }

    record PizzaReady(String orderId, String oven) implements DomainEvent {
    }

    record Numbered(String writer, long number) implements DomainEvent {
    }

    record PriceChanged(String pizza, BigDecimal price, LocalDate from) implements DomainEvent {
    }

    static EventTypeRegistry registry() {
        return EventTypeRegistry.builder()
                .register(PizzaOrdered.class)
                .register(PizzaReady.class)
                .register(Numbered.class)
                .register(PriceChanged.class)
                .build();
    }

    static JacksonEventSerializer serializer() {
        return JacksonEventSerializer.of(registry());
    }
}
