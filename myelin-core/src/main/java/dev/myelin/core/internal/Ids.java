package dev.myelin.core.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Message ids: random (version 4) UUIDs, without the contention of {@link UUID#randomUUID()}. */
public final class Ids {

    private Ids() {
    }

    /**
     * Returns a new random id. Unique in practice, not unpredictable: never use one as a secret.
     *
     * @return the id in canonical UUID form
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return text(mostBits(random.nextLong()), leastBits(random.nextLong()));
    }

    /**
     * Sets the version bits (4) of a random long.
     *
     * @param random a random long
     * @return the most significant bits of a version 4 UUID
     */
    public static long mostBits(long random) {
        return (random & ~0xF000L) | 0x4000L;
    }

    /**
     * Sets the variant bits (IETF) of a random long.
     *
     * @param random a random long
     * @return the least significant bits of a version 4 UUID
     */
    public static long leastBits(long random) {
        return (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }

    /**
     * Writes an id in canonical UUID form.
     *
     * @param most the most significant bits
     * @param least the least significant bits
     * @return the id
     */
    public static String text(long most, long least) {
        return new UUID(most, least).toString();
    }
}
