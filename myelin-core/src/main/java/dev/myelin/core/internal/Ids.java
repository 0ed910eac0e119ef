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
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
