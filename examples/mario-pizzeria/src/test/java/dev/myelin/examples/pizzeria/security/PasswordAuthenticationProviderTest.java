package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** Wrong passwords sent in parallel for one account are throttled one by one, not all checked at once. */
class PasswordAuthenticationProviderTest {

    private static final int LIMIT = 3;

    @Test
    void parallelGuessesForOneAccountReachThePasswordCheckNoMoreThanTheLimit() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        CountDownLatch allSent = new CountDownLatch(1);
        AuthenticationProvider slowWrongPassword = new AuthenticationProvider() {
            @Override
            public org.springframework.security.core.Authentication authenticate(
                    org.springframework.security.core.Authentication authentication) {
                checked.incrementAndGet();
                try {
                    // Widens the window in which unserialized checks would all pass the throttle.
                    allSent.await(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new BadCredentialsException("Bad credentials");
            }

            @Override
            public boolean supports(Class<?> type) {
                return true;
            }
        };
        PasswordAuthenticationProvider provider = new PasswordAuthenticationProvider(slowWrongPassword,
                new VerifiedCredentials(Duration.ofMinutes(5), 100),
                new LoginThrottle(LIMIT, 1_000, Duration.ofMinutes(1), Ticker.systemTicker()));

        ExecutorService guessers = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                guesses.add(guessers.submit(() -> {
                    try {
                        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("alice", "guess"));
                    } catch (RuntimeException refused) {
                        // wrong password or throttled: both are refusals
                    }
                }));
            }
            allSent.countDown();
            for (Future<?> guess : guesses) {
                guess.get(30, TimeUnit.SECONDS);
            }
        } finally {
            guessers.shutdownNow();
        }

        assertThat(checked.get()).as("password checks of parallel guesses").isEqualTo(LIMIT);
    }
}
