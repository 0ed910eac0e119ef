package dev.myelin.examples.pizzeria.notifications;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An {@link SmsSender} that writes each message to the log, for development, and keeps the last
 * {@value #KEPT} messages so tests can assert what was sent. Thread-safe.
 *
 * @since 0.1
 */
@Component
public class LoggingSmsSender implements SmsSender {

    /** How many sent messages are kept. */
    public static final int KEPT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(LoggingSmsSender.class);

    private final Deque<Sent> sent = new ArrayDeque<>();

    @Override
    public void send(String phone, String message) {
        LOG.info("SMS to {}: {}", phone, message);
        synchronized (sent) {
            if (sent.size() == KEPT) {
                sent.removeFirst();
            }
            sent.addLast(new Sent(phone, message));
        }
    }

    /**
     * Returns the messages sent, oldest first (at most {@value #KEPT}).
     *
     * @return a copy
     */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /**
     * A message sent.
     *
     * @param phone the recipient's phone
     * @param message the text
     * @since 0.1
     */
    public record Sent(String phone, String message) {
    }
}
