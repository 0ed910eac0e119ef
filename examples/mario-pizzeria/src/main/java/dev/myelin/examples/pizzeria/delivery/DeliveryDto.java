package dev.myelin.examples.pizzeria.delivery;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A delivery as drivers see it.
 *
 * @param orderId the order
 * @param customerName who to hand it to
 * @param customerPhone their phone
 * @param customerAddress where
 * @param amountDue cash to collect, zero when paid
 * @param status {@code ready}, {@code out_for_delivery} or {@code delivered}
 * @param driverId the driver, once assigned
 * @param readyAt when it came out of the kitchen
 * @param assignedAt when a driver took it, or {@code null}
 * @param outAt when the driver left, or {@code null}
 * @param deliveredAt when it was delivered, or {@code null}
 * @since 0.1
 */
public record DeliveryDto(String orderId, String customerName, String customerPhone, String customerAddress,
        BigDecimal amountDue, String status, String driverId, Instant readyAt, Instant assignedAt, Instant outAt,
        Instant deliveredAt) {
}
