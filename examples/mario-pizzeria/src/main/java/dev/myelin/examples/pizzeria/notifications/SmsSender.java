package dev.myelin.examples.pizzeria.notifications;

/**
 * The port to the SMS provider. Implementations must be thread-safe; a send may be repeated when an
 * event is redelivered after a crash (at least once).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SmsSender {

    /**
     * Sends a text message.
     *
     * @param phone the recipient's phone
     * @param message the text
     */
    void send(String phone, String message);
}
