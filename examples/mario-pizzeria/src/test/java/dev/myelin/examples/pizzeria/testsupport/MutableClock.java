package dev.myelin.examples.pizzeria.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests set: the pizzeria's injected {@link Clock} in the test context. Thread-safe. */
public final class MutableClock extends Clock {

    /** Thursday 26 November 2026, 12:00 in Rome: the pizzeria is open. */
    public static final Instant NOON_IN_ROME = Instant.parse("2026-11-26T11:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOON_IN_ROME);

    /**
     * Sets the time.
     *
     * @param instant the new now
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    /** Sets the time back to {@link #NOON_IN_ROME}. */
    public void reset() {
        now.set(NOON_IN_ROME);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
