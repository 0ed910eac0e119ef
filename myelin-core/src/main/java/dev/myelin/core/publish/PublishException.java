package dev.myelin.core.publish;

import dev.myelin.core.Event;
import java.util.List;

/**
 * Thrown when event handlers failed under a strategy that runs them all. Carries every failure,
 * in handler order; each is also a suppressed exception, so stack traces show them all.
 *
 * @since 0.1
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Event event;
    private final List<Throwable> failures;

    /**
     * Creates the exception.
     *
     * @param event the event being published
     * @param failures what each failed handler threw, at least one
     */
    public PublishException(Event event, List<Throwable> failures) {
        super(failures.size() + " handler(s) of " + event.getClass().getName() + " failed: "
                + failures.stream().map(Throwable::toString).toList(), failures.get(0));
        this.event = event;
        this.failures = List.copyOf(failures);
        failures.forEach(this::addSuppressed);
    }

    /**
     * Returns the event being published.
     *
     * @return the event
     */
    public Event event() {
        return event;
    }

    /**
     * Returns what each failed handler threw.
     *
     * @return the failures, in handler order
     */
    public List<Throwable> failures() {
        return failures;
    }
}
