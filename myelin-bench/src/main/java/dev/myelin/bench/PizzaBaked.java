package dev.myelin.bench;

import dev.myelin.core.DomainEvent;

/**
 * The event of the event store benchmarks: about 500 bytes once serialized to JSON (a note of
 * {@link #NOTE_LENGTH} characters plus the other fields), the size of a typical domain event.
 * Serialized by Myelin's Jackson 3 serializer, and by Axon's Jackson 2 serializer for the peer.
 *
 * @param orderId the order
 * @param pizzaId the pizza baked
 * @param oven the oven's number
 * @param note free text that brings the event to its size
 * @since 0.1
 */
public record PizzaBaked(String orderId, String pizzaId, int oven, String note) implements DomainEvent {

    /** Characters of {@link #note()} in {@link #sample()}. */
    public static final int NOTE_LENGTH = 420;

    /**
     * Returns the benchmarks' event, the same instance every time.
     *
     * @return an event of about 500 bytes as JSON
     */
    public static PizzaBaked sample() {
        return Sample.EVENT;
    }

    /** Lazily built sample. */
    private static final class Sample {
        static final PizzaBaked EVENT = new PizzaBaked("order-7f3c2a9e-5b1d-4e8a-9c6f-0d2b4a6e8c10",
                "pizza-margherita-large", 3, "x".repeat(NOTE_LENGTH));
    }
}
