package dev.myelin.bench.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pizzeria's settings under {@code pizzeria.*}, with the pizzeria's defaults.
 *
 * @param openingHours {@code HH:mm-HH:mm} in {@link #timeZone}, or {@code always}
 * @param timeZone the pizzeria's time zone
 * @param minPhoneLength shortest customer phone accepted
 * @param taxRate tax on the pizzas' subtotal
 * @param deliveryFee flat fee per order
 * @param kitchen the kitchen's capacity
 */
@ConfigurationProperties("pizzeria")
record PizzeriaSettings(
        @DefaultValue("11:00-22:00") String openingHours,
        @DefaultValue("Europe/Rome") ZoneId timeZone,
        @DefaultValue("10") int minPhoneLength,
        @DefaultValue("0.10") BigDecimal taxRate,
        @DefaultValue("2.50") BigDecimal deliveryFee,
        @DefaultValue Kitchen kitchen) {

    /**
     * The kitchen's capacity.
     *
     * @param capacity most pizzas waiting or cooking
     * @param ovens pizzas cooked at the same time
     */
    record Kitchen(@DefaultValue("40") int capacity, @DefaultValue("4") int ovens) {
    }

    /** Whether orders are taken at an instant: always, or within the daily window (past midnight when it ends earlier). */
    boolean isOpenAt(Instant now) {
        String value = openingHours.trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return true;
        }
        String[] parts = value.split("-");
        LocalTime from = LocalTime.parse(parts[0].trim());
        LocalTime to = LocalTime.parse(parts[1].trim());
        LocalTime local = now.atZone(timeZone).toLocalTime();
        if (from.isBefore(to)) {
            return !local.isBefore(from) && local.isBefore(to);
        }
        return !local.isBefore(from) || local.isBefore(to);
    }

    /** The opening hours as the pizzeria's refusal names them. */
    String describeHours() {
        String value = openingHours.trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return "always";
        }
        String[] parts = value.split("-");
        return LocalTime.parse(parts[0].trim()) + "-" + LocalTime.parse(parts[1].trim()) + " (" + timeZone + ")";
    }
}
