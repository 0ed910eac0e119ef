package dev.myelin.examples.pizzeria.payments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an order is paid. Written in JSON in lower case ({@code "cash"}); anything else is a 400 naming
 * the field.
 *
 * @since 0.1
 */
public enum PaymentMethod {
    /** Cash, handed to staff: the driver on delivery or the counter. Never declared paid by the customer. */
    CASH,
    /** A card, through the {@link PaymentGateway}: authorized when the order is placed, captured once it is stored. */
    CARD;

    /**
     * Returns the JSON name.
     *
     * @return the lower-case name
     */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a payment method from JSON, in any case.
     *
     * @param name the name, such as {@code "card"}
     * @return the method
     * @throws IllegalArgumentException when no method has that name
     */
    @JsonCreator
    public static PaymentMethod fromJson(String name) {
        for (PaymentMethod method : values()) {
            if (method.name().equalsIgnoreCase(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("must be one of cash, card");
    }
}
