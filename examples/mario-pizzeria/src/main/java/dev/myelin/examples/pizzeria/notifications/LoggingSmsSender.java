package dev.myelin.examples.pizzeria.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** An {@link SmsSender} that writes each message to the log, for development. Thread-safe. */
@Component
class LoggingSmsSender implements SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingSmsSender.class);

    @Override
    public void send(String phone, String message) {
        LOG.info("SMS to {}: {}", phone, message);
    }
}
