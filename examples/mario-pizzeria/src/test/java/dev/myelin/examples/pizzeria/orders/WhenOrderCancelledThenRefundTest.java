package dev.myelin.examples.pizzeria.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.payments.PaymentOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refund automation, with a recording fake of the external payment port. */
class WhenOrderCancelledThenRefundTest {

    private static final Instant AT = Instant.parse("2026-11-26T11:00:00Z");

    private final RecordingGateway gateway = new RecordingGateway();
    private final WhenOrderCancelledThenRefund automation = new WhenOrderCancelledThenRefund(gateway);

    @Test
    void givenAPaidOrderCancelled_whenHandled_thenTheChargeIsRefunded() {
        automation.handle(new OrderCancelled("o-1", "changed my mind", new BigDecimal("11.50"), "tx-1", AT));

        assertThat(gateway.refunds).containsExactly("tx-1 11.50");
    }

    @Test
    void givenACashOrderCancelled_whenHandled_thenNothingIsRefunded() {
        automation.handle(new OrderCancelled("o-2", "changed my mind", new BigDecimal("0.00"), null, AT));

        assertThat(gateway.refunds).isEmpty();
    }

    /** Records refunds; never charges. */
    private static final class RecordingGateway implements PaymentGateway {
        final List<String> refunds = new ArrayList<>();

        @Override
        public PaymentOutcome charge(String reference, BigDecimal amount, PaymentMethod method, String paymentToken) {
            throw new AssertionError("no charge expected");
        }

        @Override
        public void refund(String transactionId, BigDecimal amount) {
            refunds.add(transactionId + " " + amount);
        }
    }
}
