package dev.myelin.examples.pizzeria.payments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A card payment provider for development and tests, with a real provider's state machine: an
 * authorization is captured or voided once; a captured payment is refunded once; a card whose token is
 * {@value #DECLINED_TOKEN} is always declined. Every operation is idempotent per key, as a provider's
 * are: a repeated key returns the first answer and changes nothing.
 *
 * <p>It records every call, replayed or not ({@link #calls()}), so tests can assert what was sent: no
 * capture without a committed order, one capture per order, a void after a rollback, one refund per
 * cancellation. Thread-safe; keeps everything in memory.
 *
 * @since 0.1
 */
@Component
public class FakePaymentGateway implements PaymentGateway {

    /** The test card token that is always declined. */
    public static final String DECLINED_TOKEN = "tok_declined";

    private static final Logger LOG = LoggerFactory.getLogger(FakePaymentGateway.class);

    /** No capture: the first answer of a refused capture. */
    private static final Object NONE = new Object();

    /** First answer per idempotency key. */
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    /** State per authorization id. */
    private final Map<String, State> authorizations = new ConcurrentHashMap<>();
    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized Authorization authorize(String idempotencyKey, BigDecimal amount, String paymentToken) {
        Object first = answers.get(idempotencyKey);
        boolean replay = first != null;
        Authorization answer;
        if (replay) {
            answer = (Authorization) first;
        } else if (DECLINED_TOKEN.equals(paymentToken)) {
            answer = new Authorization(null, "The card was declined");
        } else {
            answer = new Authorization("auth-" + UUID.randomUUID(), null);
            authorizations.put(answer.authorizationId(), State.AUTHORIZED);
        }
        answers.putIfAbsent(idempotencyKey, answer);
        record(new Call(Operation.AUTHORIZE, idempotencyKey, answer.authorizationId(), amount, !replay && !answer.declined()));
        return answer;
    }

    @Override
    public synchronized Optional<String> capture(String idempotencyKey, String authorizationId, BigDecimal amount) {
        Object first = answers.get(idempotencyKey);
        if (first != null) {
            record(new Call(Operation.CAPTURE, idempotencyKey, authorizationId, amount, false));
            return Optional.ofNullable((String) (first == NONE ? null : first));
        }
        boolean captured = authorizations.replace(authorizationId, State.AUTHORIZED, State.CAPTURED);
        String captureId = captured ? "cap-" + authorizationId : null;
        answers.put(idempotencyKey, captured ? captureId : NONE);
        record(new Call(Operation.CAPTURE, idempotencyKey, authorizationId, amount, captured));
        LOG.info("Capture of {} for {}: {}", amount, authorizationId, captured ? captureId : "refused, not authorized");
        return Optional.ofNullable(captureId);
    }

    @Override
    public synchronized boolean voidAuthorization(String idempotencyKey, String authorizationId) {
        Object first = answers.get(idempotencyKey);
        if (first != null) {
            record(new Call(Operation.VOID, idempotencyKey, authorizationId, null, false));
            return (Boolean) first;
        }
        boolean voided = authorizations.replace(authorizationId, State.AUTHORIZED, State.VOIDED)
                || authorizations.get(authorizationId) == State.VOIDED;
        answers.put(idempotencyKey, voided);
        record(new Call(Operation.VOID, idempotencyKey, authorizationId, null, voided));
        return voided;
    }

    @Override
    public synchronized void refund(String idempotencyKey, String captureId, BigDecimal amount) {
        boolean replay = answers.putIfAbsent(idempotencyKey, captureId) != null;
        String authorizationId = captureId.startsWith("cap-") ? captureId.substring(4) : captureId;
        boolean refunded = !replay && authorizations.replace(authorizationId, State.CAPTURED, State.REFUNDED);
        record(new Call(Operation.REFUND, idempotencyKey, authorizationId, amount, refunded));
        if (refunded) {
            LOG.info("Refunded {} of {}", amount, captureId);
        }
    }

    /**
     * Returns every call so far, in order.
     *
     * @return a copy of the calls
     */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Returns the calls concerning one authorization.
     *
     * @param authorizationId the authorization
     * @return a copy of its calls, in order
     */
    public synchronized List<Call> calls(String authorizationId) {
        return calls.stream().filter(call -> authorizationId.equals(call.authorizationId())).toList();
    }

    private void record(Call call) {
        calls.add(call);
    }

    private enum State { AUTHORIZED, CAPTURED, VOIDED, REFUNDED }

    /** What was asked of the provider. */
    public enum Operation {
        /** Hold an amount. */
        AUTHORIZE,
        /** Take the held amount. */
        CAPTURE,
        /** Release the held amount. */
        VOID,
        /** Return a captured amount. */
        REFUND
    }

    /**
     * One call to the provider.
     *
     * @param operation what was asked
     * @param idempotencyKey its key
     * @param authorizationId the authorization concerned, or {@code null} for a declined authorization
     * @param amount the amount, or {@code null} for a void
     * @param effective whether it changed anything: {@code false} for a replayed key, a decline, or a
     *     capture, void or refund the authorization's state refused
     * @since 0.1
     */
    public record Call(Operation operation, String idempotencyKey, String authorizationId, BigDecimal amount,
            boolean effective) {
    }
}
