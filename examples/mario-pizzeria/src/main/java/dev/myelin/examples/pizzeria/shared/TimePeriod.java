package dev.myelin.examples.pizzeria.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The periods the analytics queries accept ({@code time_period}): {@code today} in the pizzeria's time
 * zone, {@code last_7_days}, {@code last_30_days} or {@code all_time}.
 *
 * @since 0.1
 */
public final class TimePeriod {

    /** The regular expression of the periods, for {@code @Pattern}. */
    public static final String PATTERN = "today|last_7_days|last_30_days|all_time";

    /** The message of a period that is none of them. */
    public static final String MESSAGE = "must be one of today, last_7_days, last_30_days, all_time";

    private TimePeriod() {
    }

    /**
     * Returns when a period starts.
     *
     * @param period one of {@link #PATTERN}
     * @param now the current instant
     * @param zone the pizzeria's time zone
     * @return its start, or empty for {@code all_time}
     */
    public static Optional<Instant> since(String period, Instant now, ZoneId zone) {
        return switch (period) {
            case "today" -> Optional.of(LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant());
            case "last_7_days" -> Optional.of(now.minus(Duration.ofDays(7)));
            case "last_30_days" -> Optional.of(now.minus(Duration.ofDays(30)));
            case "all_time" -> Optional.empty();
            default -> throw new IllegalArgumentException("Unknown time period " + period);
        };
    }
}
