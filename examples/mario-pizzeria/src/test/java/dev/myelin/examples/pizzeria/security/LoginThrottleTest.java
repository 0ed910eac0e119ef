package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's counting on a driven clock: per account, per address, cool-down, reset on success. */
class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Ticker ticker = nanos::get;
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofSeconds(60), ticker);

    @Test
    void anAccountIsRefusedAfterItsLimitUntilTheCoolDownHasPassedSinceTheLastFailure() {
        for (int i = 0; i < 3; i++) {
            throttle.check("Alice", "10.0.0." + i);
            throttle.failed("Alice", "10.0.0." + i);
        }
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.9"))
                .isInstanceOfSatisfying(LoginThrottle.Throttled.class,
                        refused -> assertThat(refused.retryAfterSeconds()).isEqualTo(40));
        assertThatCode(() -> throttle.check("bob", "10.0.0.9")).doesNotThrowAnyException();
        nanos.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThatCode(() -> throttle.check("alice", "10.0.0.9")).doesNotThrowAnyException();
    }

    @Test
    void anAddressIsRefusedAfterItsLimitWhateverAccountsItTries() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("made-up-" + i, "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.check("manager", "10.0.0.1")).isInstanceOf(LoginThrottle.Throttled.class);
        assertThatCode(() -> throttle.check("manager", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsTheAccountsFailuresButNotTheAddresss() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("carol", "10.0.0.1");
        }
        throttle.succeeded("carol");
        throttle.failed("carol", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        assertThatCode(() -> throttle.check("carol", null)).doesNotThrowAnyException();
        throttle.failed("dave", "10.0.0.1");
        assertThatThrownBy(() -> throttle.check("erin", "10.0.0.1")).isInstanceOf(LoginThrottle.Throttled.class);
    }
}
