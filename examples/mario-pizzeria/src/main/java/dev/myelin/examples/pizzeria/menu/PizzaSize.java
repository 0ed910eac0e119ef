package dev.myelin.examples.pizzeria.menu;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The sizes a pizza comes in, each with the multiplier of the pizza's base price. Written and read in
 * JSON in lower case only ({@code "large"}: the {@link JsonValue}); {@code "LARGE"} is refused.
 *
 * @since 0.1
 */
public enum PizzaSize {
    /** 0.8 of the base price. */
    SMALL(new BigDecimal("0.8")),
    /** The base price. */
    MEDIUM(new BigDecimal("1.0")),
    /** 1.3 of the base price. */
    LARGE(new BigDecimal("1.3"));

    private final BigDecimal multiplier;

    PizzaSize(BigDecimal multiplier) {
        this.multiplier = multiplier;
    }

    /**
     * Returns the multiplier of the base price.
     *
     * @return the multiplier
     */
    public BigDecimal multiplier() {
        return multiplier;
    }

    /**
     * Returns the JSON name.
     *
     * @return the lower-case name
     */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
