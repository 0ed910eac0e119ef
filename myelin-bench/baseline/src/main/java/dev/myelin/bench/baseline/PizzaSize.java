package dev.myelin.bench.baseline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;

/** The pizzeria's sizes and their multipliers of the base price; lower case in JSON. */
enum PizzaSize {
    SMALL(new BigDecimal("0.8")),
    MEDIUM(new BigDecimal("1.0")),
    LARGE(new BigDecimal("1.3"));

    private final BigDecimal multiplier;

    PizzaSize(BigDecimal multiplier) {
        this.multiplier = multiplier;
    }

    BigDecimal multiplier() {
        return multiplier;
    }

    @JsonValue
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static PizzaSize fromJson(String name) {
        for (PizzaSize size : values()) {
            if (size.name().equalsIgnoreCase(name)) {
                return size;
            }
        }
        throw new IllegalArgumentException("must be one of small, medium, large");
    }
}
