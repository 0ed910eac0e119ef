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

    /** An append's version and count, as the tests compare them: "version v, n events". */
    static String appended(long version, int count) {
        return "version " + version + ", " + count + " events";
    }

    /** The same for a result; also checks that it holds one stored event per version, numbered on. */
    static String appended(dev.myelin.data.events.AppendResult result) {
        for (int i = 0; i < result.count(); i++) {
            if (result.events().get(i).streamVersion() != result.streamVersion() - result.count() + 1 + i
                    || result.events().get(i).position() <= 0) {
                return "unnumbered " + result;
            }
        }
        return appended(result.streamVersion(), result.count());
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
