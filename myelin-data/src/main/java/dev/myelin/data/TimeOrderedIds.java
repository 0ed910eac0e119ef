package dev.myelin.data;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids made later
 * sort later (ids of the same millisecond in any order), so a B-tree index on them grows at its right
 * edge instead of touching random pages: after each checkpoint PostgreSQL writes a full-page image of
 * every page first touched, and random keys touch a page per insert per index. Marten's sequential
 * Guids and EF Core's sequential ids exist for the same reason. Use them for event ids and for the ids
 * of aggregates that many tables key on.
 *
 * <p>{@link #next()} takes its random bits from {@link ThreadLocalRandom}: unique in practice (74 bits a
 * millisecond) but predictable from ids seen before, so for ids that nobody outside sees (event ids).
 * {@link #nextUnguessable()} takes them from a shared {@link SecureRandom}, as
 * {@link UUID#randomUUID()} does: for ids that grant something to whoever holds them (an order id that
 * opens its status page). Either way the id tells its millisecond to anyone who has it. Thread-safe.
 *
 * @since 0.1
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /**
     * Returns a new version 7 UUID.
     *
     * @return an id that sorts after every id made in an earlier millisecond by this clock
     */
    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return of(System.currentTimeMillis(), random.nextLong(), random.nextLong());
    }

    /**
     * Returns a new version 7 UUID whose 74 random bits come from a {@link SecureRandom}.
     *
     * @return an id that sorts after every id made in an earlier millisecond by this clock
     */
    public static UUID nextUnguessable() {
        byte[] bytes = new byte[16];
        Secure.RANDOM.nextBytes(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return of(System.currentTimeMillis(), buffer.getLong(), buffer.getLong());
    }

    private static UUID of(long millis, long randomHigh, long randomLow) {
        long high = (millis << 16) | 0x7000L | (randomHigh >>> 52);
        long low = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Created at first use, so that event ids never wait for the entropy source. */
    private static final class Secure {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
