package dev.myelin.examples.pizzeria.shared;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pizzeria's settings, under {@code pizzeria.*} in {@code application.yml}.
 *
 * @param openingHours when orders are taken: {@code HH:mm-HH:mm} in {@link #timeZone}, or {@code always}
 * @param timeZone the pizzeria's time zone, for opening hours and "today" in analytics
 * @param minPhoneLength shortest customer phone accepted, in characters
 * @param taxRate tax on the pizzas' subtotal, such as {@code 0.10}
 * @param deliveryFee flat fee added to each order
 * @param kitchen the kitchen's capacity
 * @param payments how card authorizations are swept
 * @since 0.1
 */
@ConfigurationProperties("pizzeria")
public record PizzeriaProperties(
        @DefaultValue("11:00-22:00") String openingHours,
        @DefaultValue("Europe/Rome") ZoneId timeZone,
        @DefaultValue("10") int minPhoneLength,
        @DefaultValue("0.10") BigDecimal taxRate,
        @DefaultValue("2.50") BigDecimal deliveryFee,
        @DefaultValue Kitchen kitchen,
        @DefaultValue Payments payments) {

    /**
     * The kitchen's capacity.
     *
     * @param capacity most pizzas waiting or cooking; an order beyond it is refused with 503
     * @param ovens pizzas cooked at the same time, for estimated ready and wait times
     * @since 0.1
     */
    public record Kitchen(@DefaultValue("40") int capacity, @DefaultValue("4") int ovens) {
    }

    /**
     * How card authorizations whose order never committed (a crash between the authorization and the
     * commit) are found and voided.
     *
     * @param authorizationGrace how old an authorization without its order must be before it is voided:
     *     longer than any order's transaction
     * @param sweepInterval how often to look for them
     * @since 0.1
     */
    public record Payments(@DefaultValue("5m") Duration authorizationGrace, @DefaultValue("1m") Duration sweepInterval) {
    }

    /**
     * Returns the parsed opening hours.
     *
     * @return the opening hours
     */
    public OpeningHours hours() {
        return OpeningHours.parse(openingHours, timeZone);
    }
}
