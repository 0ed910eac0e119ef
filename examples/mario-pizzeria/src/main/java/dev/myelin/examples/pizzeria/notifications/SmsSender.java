package dev.myelin.examples.pizzeria.notifications;

/**
 * The port to the SMS provider. Implementations must be thread-safe, and must bound a send by a timeout
 * (seconds, well under {@code NotificationDispatcher.SEND_TIMEOUT}: the dispatcher holds the row's lock,
 * and a connection, while it sends) and throw when it expires; the text is then sent again by the sweep. A
 * send may be repeated after a crash between the send and its record (at least once).
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
