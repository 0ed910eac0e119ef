package dev.myelin.examples.pizzeria.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money arithmetic of the pizzeria: amounts are {@link BigDecimal} with two decimals, rounded half up.
 *
 * @since 0.1
 */
public final class Money {

    /** Zero with two decimals. */
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {
    }

    /**
     * Rounds an amount to two decimals, half up.
     *
     * @param amount the amount
     * @return the rounded amount
     */
    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
