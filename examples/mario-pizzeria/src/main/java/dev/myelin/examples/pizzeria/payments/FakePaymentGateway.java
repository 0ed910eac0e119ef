package dev.myelin.examples.pizzeria.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A payment provider for development and tests:
 * <ul>
 *   <li>a card whose token is {@value #DECLINED_TOKEN}: always declined (to try the 400 answer);</li>
 *   <li>{@code cash}: accepted, due on delivery;</li>
 *   <li>any other card: charged at once.</li>
 * </ul>
 * Refunds are idempotent per charge. Thread-safe; keeps only the refunded charges, in memory.
 */
@Component
class FakePaymentGateway implements PaymentGateway {

    /** The test card token that is always declined. */
    static final String DECLINED_TOKEN = "tok_declined";

    private static final Logger LOG = LoggerFactory.getLogger(FakePaymentGateway.class);

    /** Charges refunded so far: a second refund of one charge does nothing. */
    private final Set<String> refunded = ConcurrentHashMap.newKeySet();

    @Override
    public PaymentOutcome charge(String reference, BigDecimal amount, PaymentMethod method, String paymentToken) {
        if (method == PaymentMethod.CARD && DECLINED_TOKEN.equals(paymentToken)) {
            LOG.info("Payment of {} for {} declined ({})", amount, reference, method);
            return new PaymentOutcome(PaymentOutcome.DECLINED, null, "The card was declined");
        }
        if (method == PaymentMethod.CASH) {
            return new PaymentOutcome(PaymentOutcome.DUE, null, null);
        }
        String transaction = "tx-" + UUID.nameUUIDFromBytes((reference + "/" + amount).getBytes(StandardCharsets.UTF_8));
        LOG.info("Charged {} for {} by {}: {}", amount, reference, method, transaction);
        return new PaymentOutcome(PaymentOutcome.PAID, transaction, null);
    }

    @Override
    public void refund(String transactionId, BigDecimal amount) {
        if (refunded.add(transactionId)) {
            LOG.info("Refunded {} of {}", amount, transactionId);
        }
    }
}
