package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.stream.StreamQuery;
import org.junit.jupiter.api.Test;

/** A null message fails at once, with the same message from the synchronous and the async forms. */
class NullMessageTest {

    record Ping() implements Command<String> {
    }

    private final Mediator mediator = Mediator.builder().handler(Ping.class, ping -> "pong").build();

    @Test
    void nullRequestFailsTheSameWayInEveryForm() {
        try (mediator) {
            assertThatThrownBy(() -> mediator.send(null)).isExactlyInstanceOf(NullPointerException.class)
                    .hasMessage("request must not be null");
            assertThatThrownBy(() -> mediator.sendAsync(null)).isExactlyInstanceOf(NullPointerException.class)
                    .hasMessage("request must not be null");
        }
    }

    @Test
    void nullEventFailsTheSameWayInEveryForm() {
        try (mediator) {
            assertThatThrownBy(() -> mediator.publish(null)).isExactlyInstanceOf(NullPointerException.class)
                    .hasMessage("event must not be null");
            assertThatThrownBy(() -> mediator.publishAsync(null)).isExactlyInstanceOf(NullPointerException.class)
                    .hasMessage("event must not be null");
        }
    }

    @Test
    void nullStreamQueryFailsTheSameWayInEveryForm() {
        try (mediator) {
            assertThatThrownBy(() -> mediator.stream((StreamQuery<String>) null))
                    .isExactlyInstanceOf(NullPointerException.class).hasMessage("query must not be null");
            assertThatThrownBy(() -> mediator.streamPublisher((StreamQuery<String>) null))
                    .isExactlyInstanceOf(NullPointerException.class).hasMessage("query must not be null");
        }
    }
}
