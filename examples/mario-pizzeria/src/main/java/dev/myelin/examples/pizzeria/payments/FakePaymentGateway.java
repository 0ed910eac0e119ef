package dev.myelin.examples.pizzeria.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A payment provider for development and tests. Payment methods:
 * <ul>
 *   <li>{@value #DECLINED_METHOD}: always declined (to try the 400 answer);</li>
 *   <li>{@code cash}: accepted, due on delivery;</li>
 *   <li>anything else ({@code card}, {@code credit_card}...): charged at once.</li>
 * </ul>
 * Refunds are idempotent per charge. Thread-safe; keeps only the refunded charges, in memory.
 */
@Component
class FakePaymentGateway implements PaymentGateway {

    /** The test method that is always declined. */
    static final String DECLINED_METHOD = "declined-card";

    private static final Logger LOG = LoggerFactory.getLogger(FakePaymentGateway.class);

    /** Charges refunded so far: a second refund of one charge does nothing. */
    private final Set<String> refunded = ConcurrentHashMap.newKeySet();

    @Override
    public PaymentOutcome charge(String reference, BigDecimal amount, String method) {
        String normalized = method.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals(DECLINED_METHOD)) {
            LOG.info("Payment of {} for {} declined ({})", amount, reference, method);
            return new PaymentOutcome(PaymentOutcome.DECLINED, null, "The card was declined");
        }
        if (normalized.equals("cash")) {
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
