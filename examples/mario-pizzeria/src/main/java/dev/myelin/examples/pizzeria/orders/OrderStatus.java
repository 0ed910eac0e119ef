package dev.myelin.examples.pizzeria.orders;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an order is in its life. Written in JSON in lower case ({@code "pending"}).
 *
 * <pre>
 * pending → cooking → ready → out_for_delivery → delivered      (the seed's flow)
 * pending → confirmed → cooking                                  (staff may confirm first)
 * pending | confirmed → cancelled
 * </pre>
 *
 * @since 0.1
 */
public enum OrderStatus {
    /** Placed, waiting for the kitchen (staff may confirm it first). */
    PENDING,
    /** Confirmed by staff, waiting for the kitchen. */
    CONFIRMED,
    /** In the oven. */
    COOKING,
    /** Every pizza ready, waiting for a driver. */
    READY,
    /** With a driver. */
    OUT_FOR_DELIVERY,
    /** Delivered. */
    DELIVERED,
    /** Cancelled before cooking started. */
    CANCELLED;

    /**
     * Returns the JSON and database name.
     *
     * @return the lower-case name
     */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a status, in any case.
     *
     * @param name the name, such as {@code "pending"}
     * @return the status
     * @throws IllegalArgumentException when no status has that name
     */
    @JsonCreator
    public static OrderStatus fromJson(String name) {
        for (OrderStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be one of pending, confirmed, cooking, ready, out_for_delivery, delivered, "
                + "cancelled");
    }
}
