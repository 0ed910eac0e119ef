package dev.myelin.examples.pizzeria.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway.Call;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway.Operation;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refund-or-void automation, against the recording fake of the external payment port. */
class WhenOrderCancelledThenRefundTest {

    private static final Instant AT = Instant.parse("2026-11-26T11:00:00Z");
    private static final BigDecimal AMOUNT = new BigDecimal("11.50");

    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final WhenOrderCancelledThenRefund automation = new WhenOrderCancelledThenRefund(gateway);

    @Test
    void givenACapturedOrderCancelled_whenHandledTwice_thenItIsRefundedExactlyOnce() {
        String auth = gateway.authorize("authorize:o-1", AMOUNT, null).authorizationId();
        String capture = gateway.capture("capture:" + auth, auth, AMOUNT).orElseThrow();
        OrderCancelled cancelled = new OrderCancelled("o-1", "changed my mind", AMOUNT, capture, null, null, AT);

        automation.handle(cancelled);
        automation.handle(cancelled);

        assertThat(effective(auth, Operation.REFUND)).hasSize(1);
        assertThat(gateway.calls(auth)).filteredOn(call -> call.operation() == Operation.REFUND)
                .extracting(Call::idempotencyKey).containsOnly("refund:o-1");
    }

    @Test
    void givenAnAuthorizedOrderCancelledBeforeItsCapture_whenHandled_thenTheAuthorizationIsVoidedAndNeverCaptured() {
        String auth = gateway.authorize("authorize:o-2", AMOUNT, null).authorizationId();

        automation.handle(new OrderCancelled("o-2", "changed my mind", BigDecimal.ZERO, null, auth, AMOUNT, AT));

        assertThat(effective(auth, Operation.VOID)).hasSize(1);
        assertThat(gateway.capture("capture:" + auth, auth, AMOUNT)).as("a voided authorization captures nothing").isEmpty();
        assertThat(effective(auth, Operation.CAPTURE)).isEmpty();
    }

    @Test
    void givenAnAuthorizationCapturedByACaptureThatCrashedBeforeRecordingIt_whenCancelled_thenTheCaptureIsRefunded() {
        String auth = gateway.authorize("authorize:o-3", AMOUNT, null).authorizationId();
        gateway.capture(WhenPaymentAuthorizedThenCapture.captureKey(auth), auth, AMOUNT);

        automation.handle(new OrderCancelled("o-3", "changed my mind", BigDecimal.ZERO, null, auth, AMOUNT, AT));

        assertThat(effective(auth, Operation.CAPTURE)).hasSize(1);
        assertThat(effective(auth, Operation.REFUND)).hasSize(1);
    }

    @Test
    void givenACashOrderCancelled_whenHandled_thenTheGatewayIsNotCalled() {
        automation.handle(new OrderCancelled("o-4", "changed my mind", BigDecimal.ZERO, null, null, null, AT));

        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenTheDeclinedTestToken_whenAuthorized_thenItIsDeclined() {
        PaymentGateway.Authorization declined = gateway.authorize("authorize:o-5", AMOUNT, FakePaymentGateway.DECLINED_TOKEN);

        assertThat(declined.declined()).isTrue();
    }

    private List<Call> effective(String auth, Operation operation) {
        return gateway.calls(auth).stream().filter(call -> call.operation() == operation && call.effective()).toList();
    }
}
