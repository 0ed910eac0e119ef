package dev.myelin.postgres;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made
 * later sort later, so the unique index on event ids grows at its right edge instead of touching
 * random pages. The random bits need to be unique, not secret. Thread-safe.
 */
final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    static UUID next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long bits = random.nextLong();
        long high = (millis << 16) | 0x7000L | ((bits >>> 52) & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
