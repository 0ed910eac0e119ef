package dev.myelin.examples.pizzeria.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Opening hours in the pizzeria's time zone. */
class OpeningHoursTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    @Test
    void elevenToTenIsOpenFromElevenInclusiveToTenExclusiveInRome() {
        OpeningHours hours = OpeningHours.parse("11:00-22:00", ROME);

        assertThat(hours.isOpenAt(Instant.parse("2026-11-26T09:59:59Z"))).isFalse(); // 10:59:59 in Rome
        assertThat(hours.isOpenAt(Instant.parse("2026-11-26T10:00:00Z"))).isTrue(); // 11:00
        assertThat(hours.isOpenAt(Instant.parse("2026-11-26T20:59:59Z"))).isTrue(); // 21:59:59
        assertThat(hours.isOpenAt(Instant.parse("2026-11-26T21:00:00Z"))).isFalse(); // 22:00
    }

    @Test
    void summerTimeShiftsTheWindowInUtc() {
        OpeningHours hours = OpeningHours.parse("11:00-22:00", ROME);

        assertThat(hours.isOpenAt(Instant.parse("2026-07-01T09:00:00Z"))).isTrue(); // 11:00 CEST
        assertThat(hours.isOpenAt(Instant.parse("2026-07-01T20:00:00Z"))).isFalse(); // 22:00 CEST
    }

    @Test
    void aWindowPastMidnightWrapsAround() {
        OpeningHours hours = OpeningHours.parse("18:00-02:00", ROME);

        assertThat(hours.isOpenAt(Instant.parse("2026-11-26T23:30:00Z"))).isTrue(); // 00:30
        assertThat(hours.isOpenAt(Instant.parse("2026-11-26T11:00:00Z"))).isFalse(); // 12:00
    }

    @Test
    void alwaysIsAlwaysOpenAndNonsenseIsRefused() {
        assertThat(OpeningHours.parse("always", ROME).isOpenAt(Instant.parse("2026-11-26T03:00:00Z"))).isTrue();
        assertThatThrownBy(() -> OpeningHours.parse("noon till late", ROME))
                .hasMessageContaining("pizzeria.opening-hours");
    }
}
