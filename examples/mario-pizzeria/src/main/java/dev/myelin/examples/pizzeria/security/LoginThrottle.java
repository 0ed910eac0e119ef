package dev.myelin.examples.pizzeria.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Locale;
import org.springframework.security.core.AuthenticationException;

/**
 * Counts failed sign-ins per account and per client address, and refuses further attempts once either
 * reaches its limit, until the cool-down has passed since the last counted failure. A refused attempt is
 * not counted (so the cool-down ends on time) and costs no password check. A success clears the
 * account's failures, not the address's.
 *
 * <p>Both counters are Caffeine caches bounded in size whose entries expire a cool-down after their last
 * failure, so memory stays bounded whatever names and addresses callers make up. Thread-safe.
 */
final class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final long coolDownNanos;
    private final Ticker ticker;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    /**
     * Creates the throttle.
     *
     * @param maxPerAccount failures of one account before its attempts are refused
     * @param maxPerAddress failures from one client address before its attempts are refused
     * @param coolDown how long after the last failure the refusal lasts
     * @param ticker the time source (tests drive it)
     */
    LoginThrottle(int maxPerAccount, int maxPerAddress, Duration coolDown, Ticker ticker) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.coolDownNanos = coolDown.toNanos();
        this.ticker = ticker;
        this.accounts = counters(coolDown, ticker);
        this.addresses = counters(coolDown, ticker);
    }

    private static Cache<String, Failures> counters(Duration coolDown, Ticker ticker) {
        return Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(coolDown).ticker(ticker).build();
    }

    /**
     * Refuses an attempt for an account or address that reached its limit.
     *
     * @param account the user name sent
     * @param address the client's address, or {@code null} if unknown
     * @throws Throttled if the attempt must wait
     */
    void check(String account, String address) {
        long now = ticker.read();
        long wait = Math.max(remaining(accounts.getIfPresent(key(account)), maxPerAccount, now),
                address == null ? 0 : remaining(addresses.getIfPresent(address), maxPerAddress, now));
        if (wait > 0) {
            throw new Throttled(Duration.ofNanos(wait));
        }
    }

    /** Counts a failed attempt (wrong password or unknown user). */
    void failed(String account, String address) {
        long now = ticker.read();
        accounts.asMap().merge(key(account), new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        if (address != null) {
            addresses.asMap().merge(address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    /** Clears an account's failures after a successful sign-in. */
    void succeeded(String account) {
        accounts.invalidate(key(account));
    }

    private long remaining(Failures failures, int max, long now) {
        if (failures == null || failures.count() < max) {
            return 0;
        }
        return failures.lastNanos() + coolDownNanos - now;
    }

    /** User names are case-insensitive, as in the user store. */
    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, long lastNanos) {
    }

    /** A sign-in refused because of earlier failures: answered 429 with {@code Retry-After}. */
    static final class Throttled extends AuthenticationException {

        private static final long serialVersionUID = 1L;

        private final transient Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("Too many failed sign-ins");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds to wait, at least 1. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
