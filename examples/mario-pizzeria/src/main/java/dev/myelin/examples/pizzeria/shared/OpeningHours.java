package dev.myelin.examples.pizzeria.shared;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * When the pizzeria takes orders: a daily window {@code from-to} in its time zone (a window whose
 * end is before its start runs past midnight), or always. Immutable.
 *
 * @param from opening time, inclusive; {@code null} when always open
 * @param to closing time, exclusive; {@code null} when always open
 * @param zone the pizzeria's time zone
 * @since 0.1
 */
public record OpeningHours(LocalTime from, LocalTime to, ZoneId zone) {

    /**
     * Parses {@code "11:00-22:00"} or {@code "always"}.
     *
     * @param text the setting
     * @param zone the time zone
     * @return the opening hours
     * @throws IllegalArgumentException when the text is neither
     */
    public static OpeningHours parse(String text, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        String value = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return new OpeningHours(null, null, zone);
        }
        String[] parts = value.split("-");
        try {
            if (parts.length == 2) {
                return new OpeningHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()), zone);
            }
        } catch (DateTimeParseException invalid) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("pizzeria.opening-hours must be HH:mm-HH:mm or 'always', was '" + text + "'");
    }

    /**
     * Tells whether an order may be placed at an instant.
     *
     * @param now the instant
     * @return whether the pizzeria is open then
     */
    public boolean isOpenAt(Instant now) {
        if (from == null) {
            return true;
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        if (from.isBefore(to)) {
            return !local.isBefore(from) && local.isBefore(to);
        }
        return !local.isBefore(from) || local.isBefore(to);
    }

    @Override
    public String toString() {
        return from == null ? "always" : from + "-" + to + " (" + zone + ")";
    }
}
