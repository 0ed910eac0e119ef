package dev.myelin.data.outbox;

import java.time.Instant;

/**
 * An event that one handler failed to handle after every retry; the event kept flowing to the
 * other handlers.
 *
 * @param id the dead letter's id
 * @param eventId the event's id
 * @param position the event's global position
 * @param eventType the event's stored type name
 * @param handler the name of the handler that failed
 * @param attempts how many times it was tried
 * @param error the last failure: exception class, message and stack trace
 * @param failedAt when it was given up
 * @since 0.1
 */
public record DeadLetter(long id, String eventId, long position, String eventType, String handler, int attempts,
        String error, Instant failedAt) {
}
