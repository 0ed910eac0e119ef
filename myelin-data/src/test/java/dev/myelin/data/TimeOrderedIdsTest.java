package dev.myelin.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        for (Supplier<UUID> ids : List.<Supplier<UUID>>of(TimeOrderedIds::next, TimeOrderedIds::nextUnguessable)) {
            long before = System.currentTimeMillis();
            UUID id = ids.get();
            long after = System.currentTimeMillis();

            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
        }
    }

    @Test
    void theRandomBitsVaryInEveryPosition() {
        long highOr = 0;
        long lowOr = 0;
        for (int i = 0; i < 1_000; i++) {
            UUID id = TimeOrderedIds.nextUnguessable();
            highOr |= id.getMostSignificantBits() & 0x0FFFL;
            lowOr |= id.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL;
        }
        assertThat(highOr).isEqualTo(0x0FFFL);
        assertThat(lowOr).isEqualTo(0x3FFFFFFFFFFFFFFFL);
    }

    @Test
    void idsOfLaterMillisecondsSortLaterAsTextAndNoneRepeats() throws InterruptedException {
        Set<UUID> seen = new HashSet<>();
        String previous = "";
        for (int round = 0; round < 5; round++) {
            String first = null;
            for (int i = 0; i < 10_000; i++) {
                UUID id = i % 2 == 0 ? TimeOrderedIds.next() : TimeOrderedIds.nextUnguessable();
                assertThat(seen.add(id)).as("unique").isTrue();
                first = first == null ? id.toString() : first;
            }
            assertThat(first).as("text order, as PostgreSQL's text and uuid keys compare").isGreaterThan(previous);
            previous = TimeOrderedIds.next().toString();
            Thread.sleep(2);
        }
    }
}
