package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.data.TimeOrderedIds;
import dev.myelin.examples.pizzeria.orders.OrderRepository;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.orders.place.OrderPricing;
import dev.myelin.examples.pizzeria.orders.place.PlaceOrder;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Authorizes a card payment before the command's transaction, and voids it when the command did not
 * commit, for {@link PlaceOrder} and {@link ProcessPayment} paid by card.
 *
 * <ol>
 *   <li>Prices the order (or reads what a placed order owes); if that fails, the handler answers
 *       the same refusal and nothing is authorized.</li>
 *   <li>Records the authorization as {@code authorizing} (committed at once), then asks the gateway
 *       with a fresh idempotency key. A decline is the seed's 400 "Payment was declined. Please try a
 *       different payment method." and nothing else is stored.</li>
 *   <li>Runs the rest of the pipeline (retry, transaction, handler) with the authorization bound for
 *       the handler, which attaches it to the order in the order's transaction.</li>
 *   <li>If the authorization is not attached afterwards (a failed result, a rollback, an exception),
 *       voids it. The capture happens only once the order committed, from an outbox handler
 *       ({@link WhenPaymentAuthorizedThenCapture}); a crash between authorization and commit is
 *       swept by {@link AuthorizationSweeper}.</li>
 * </ol>
 *
 * <p>Order: after validation and the access checks, outside retry and the transaction
 * ({@link BehaviorOrder#RETRY} − 20), so a retried transaction never authorizes again. A
 * {@code PlaceOrder} must be sent on its own, not from inside another command's transaction.
 * Thread-safe.
 */
@Component
class CardAuthorizationBehavior implements PipelineBehavior<Request<?>, OperationResult<?>> {

    /** Outside {@link BehaviorOrder#RETRY} and {@link BehaviorOrder#TRANSACTION}. */
    static final int ORDER = BehaviorOrder.RETRY - 20;

    static final String DECLINED = "Payment was declined. Please try a different payment method.";

    private final OrderPricing pricing;
    private final OrderRepository orders;
    private final PaymentAuthorizations authorizations;
    private final PaymentGateway gateway;
    private final Clock clock;

    CardAuthorizationBehavior(OrderPricing pricing, OrderRepository orders, PaymentAuthorizations authorizations,
            PaymentGateway gateway, Clock clock) {
        this.pricing = pricing;
        this.orders = orders;
        this.authorizations = authorizations;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public OperationResult<?> handle(Request<?> request, Next<Request<?>, OperationResult<?>> next) {
        Optional<Payable> payable = payable(request);
        if (payable.isEmpty()) {
            return next.invoke(request);
        }
        String key = "authorize:" + UUID.randomUUID();
        authorizations.begin(key, payable.get().orderId(), payable.get().amount(), clock.instant());
        PaymentGateway.Authorization authorization = gateway.authorize(key, payable.get().amount(), payable.get().token());
        if (authorization.declined()) {
            authorizations.finish(key, PaymentAuthorizations.DECLINED, clock.instant());
            return OperationResult.badRequest(DECLINED);
        }
        authorizations.authorized(key, authorization.authorizationId(), clock.instant());
        AuthorizedPayments.Authorized authorized = new AuthorizedPayments.Authorized(key, payable.get().orderId(),
                authorization.authorizationId(), payable.get().amount());
        OperationResult<?> result;
        try (AuthorizedPayments.Scope scope = AuthorizedPayments.bind(authorized)) {
            result = next.invoke(request);
        } catch (RuntimeException | Error failure) {
            voidUnlessAttached(authorized);
            throw failure;
        }
        voidUnlessAttached(authorized);
        return result;
    }

    /** Voids the authorization unless its order (or payment) committed, which attached it. */
    private void voidUnlessAttached(AuthorizedPayments.Authorized authorized) {
        if (!PaymentAuthorizations.ATTACHED.equals(authorizations.status(authorized.key()).orElse(null))) {
            gateway.voidAuthorization("void:" + authorized.authorizationId(), authorized.authorizationId());
            authorizations.finish(authorized.key(), PaymentAuthorizations.VOIDED, clock.instant());
        }
    }

    /** What a card command would pay, or empty when it pays nothing by card or its handler will refuse it. */
    private Optional<Payable> payable(Request<?> request) {
        if (request instanceof PlaceOrder place && place.paymentMethod() == PaymentMethod.CARD) {
            OrderPricing.Priced priced = pricing.price(place);
            if (priced.refusal() != null) {
                return Optional.empty();
            }
            String orderId = TimeOrderedIds.nextUnguessable().toString();
            return Optional.of(new Payable(orderId, priced.totals().total(), place.paymentToken()));
        }
        if (request instanceof ProcessPayment pay && pay.paymentMethod() == PaymentMethod.CARD) {
            return orders.get(pay.orderId())
                    .filter(order -> order.status() != OrderStatus.CANCELLED && order.amountDue().signum() > 0)
                    .map(order -> new Payable(pay.orderId(), order.amountDue(), pay.paymentToken()));
        }
        return Optional.empty();
    }

    @Override
    public boolean appliesTo(Class<?> requestType) {
        return requestType == PlaceOrder.class || requestType == ProcessPayment.class;
    }

    @Override
    public int order() {
        return ORDER;
    }

    private record Payable(String orderId, BigDecimal amount, String token) {
    }
}
