package dev.myelin.examples.pizzeria.notifications;

import java.time.Instant;

/**
 * A notification that was sent.
 *
 * @param orderId the order it is about
 * @param channel {@code sms} or {@code kitchen}
 * @param message the text
 * @param sentAt when the event it tells of happened
 * @since 0.1
 */
public record NotificationDto(String orderId, String channel, String message, Instant sentAt) {
}
