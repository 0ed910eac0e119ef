package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.data.TimeOrderedIds;
import dev.myelin.examples.pizzeria.inventory.Inventory;
import dev.myelin.examples.pizzeria.orders.Order;
import dev.myelin.examples.pizzeria.orders.OrderRepository;
import dev.myelin.examples.pizzeria.orders.OrderTokens;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.payment.AuthorizedPayments;
import dev.myelin.examples.pizzeria.orders.payment.PaymentAuthorizations;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Places an order in the command's transaction: reads the order's pizzas and toppings and the
 * kitchen's load by one statement ({@link PlacingReads}), prices it from them ({@link OrderPricing}),
 * checks the kitchen's capacity, reserves the counted ingredients ({@link Inventory}: an ingredient
 * short is the seed's 400 "One or more pizzas are not available"), and saves the order with its
 * {@link OrderPlaced} event (state, reservation, events and outbox rows commit together). The prices
 * charged are those this transaction read.
 *
 * <p>Nothing is charged here. A card order arrives authorized by {@code CardAuthorizationBehavior},
 * before this transaction; the handler attaches the authorization in this transaction and the order
 * records it ({@code authorized}); the capture follows the commit
 * ({@code WhenPaymentAuthorizedThenCapture}). Cash is paid to the driver on delivery.
 */
@Component
class PlaceOrderHandler implements CommandHandler<PlaceOrder, OperationResult<OrderPlacedDto>> {

    static final String NOT_AVAILABLE = OrderPricing.NOT_AVAILABLE;

    private final OrderRepository orders;
    private final PlacingReads reads;
    private final OrderPricing pricing;
    private final PaymentAuthorizations authorizations;
    private final PizzeriaProperties properties;
    private final Clock clock;
    private final Inventory inventory;

    PlaceOrderHandler(OrderRepository orders, PlacingReads reads, OrderPricing pricing,
            PaymentAuthorizations authorizations, PizzeriaProperties properties, Clock clock, Inventory inventory) {
        this.orders = orders;
        this.reads = reads;
        this.pricing = pricing;
        this.authorizations = authorizations;
        this.properties = properties;
        this.clock = clock;
        this.inventory = inventory;
    }

    @Override
    public OperationResult<OrderPlacedDto> handle(PlaceOrder command) {
        Set<String> pizzaIds = OrderPricing.pizzaIds(command);
        Set<String> toppingIds = OrderPricing.toppingIds(command);
        List<String> ingredients = new ArrayList<>(pizzaIds.size() + toppingIds.size());
        pizzaIds.forEach(id -> ingredients.add(Inventory.base(id)));
        toppingIds.forEach(id -> ingredients.add(Inventory.topping(id)));
        PlacingReads.Read read = reads.read(pizzaIds, toppingIds, ingredients);
        OrderPricing.Priced priced = pricing.price(command, read.menu());
        if (priced.refusal() != null) {
            return priced.refusal();
        }
        int ovens = Math.max(1, properties.kitchen().ovens());
        PlacingReads.Load load = read.load();
        if (load.pizzas() + priced.lines().size() > properties.kitchen().capacity()) {
            int wait = ceilDiv(load.prepMinutes(), ovens);
            return KitchenAtCapacity.refusal(wait);
        }
        OrderPlaced.Totals totals = priced.totals();
        Instant now = clock.instant();
        String orderId;
        OrderPlaced.Payment payment;
        if (command.paymentMethod() == PaymentMethod.CARD) {
            AuthorizedPayments.Authorized card = AuthorizedPayments.current()
                    .orElseThrow(() -> new IllegalStateException("A card order needs CardAuthorizationBehavior"));
            if (card.amount().compareTo(totals.total()) != 0) {
                return OperationResult.conflict("The menu's prices changed while the order was placed; please order again");
            }
            if (!authorizations.attach(card.key(), now)) {
                throw new IllegalStateException("Authorization " + card.key() + " is not open");
            }
            orderId = card.orderId();
            payment = new OrderPlaced.Payment(PaymentMethod.CARD.jsonName(), OrderPlaced.Payment.AUTHORIZED,
                    card.authorizationId());
        } else {
            orderId = TimeOrderedIds.nextUnguessable().toString();
            payment = new OrderPlaced.Payment(PaymentMethod.CASH.jsonName(), OrderPlaced.Payment.DUE, null);
        }
        if (!inventory.reserve(orderId, servings(priced.lines()), read.counted())) {
            return OperationResult.badRequest(NOT_AVAILABLE);
        }
        int orderPrep = priced.lines().stream().mapToInt(OrderPlaced.Line::preparationTimeMinutes).sum();
        int longest = priced.lines().stream().mapToInt(OrderPlaced.Line::preparationTimeMinutes).max().orElse(0);
        long minutes = Math.max(longest, ceilDiv(load.prepMinutes() + orderPrep, ovens));
        Instant ready = now.plusSeconds(60 * minutes);
        OrderPlaced.Customer customer = new OrderPlaced.Customer(customerId(command), command.customerName().trim(),
                command.customerPhone().trim(), command.customerAddress().trim());
        String token = OrderTokens.newToken();
        Order order = Order.place(orderId, customer, priced.lines(), totals, payment, ready, now, OrderTokens.hash(token));
        orders.add(order);
        return OperationResult.created(new OrderPlacedDto(orderId, order.status(), customer.customerId(), totals.subtotal(),
                totals.tax(), totals.deliveryFee(), totals.total(), payment.status(), ready, token,
                "/order.html?id=" + orderId + "#token=" + token));
    }

    /**
     * The explicit customer id, else the signed-in user's name, else a guest id from the phone's digits
     * in any script, as ASCII ({@link PlaceOrderRules} requires enough of them, so guests never share an id
     * unless they share a phone number).
     */
    private static String customerId(PlaceOrder command) {
        if (command.customerId() != null && !command.customerId().isBlank()) {
            return command.customerId().trim();
        }
        Optional<String> user = RequestContext.current().principal().map(Principal::name);
        return user.orElseGet(() -> "guest-" + PlaceOrderRules.digits(command.customerPhone()));
    }

    private static List<Inventory.Serving> servings(List<OrderPlaced.Line> lines) {
        return lines.stream().map(line -> new Inventory.Serving(line.pizzaId(), line.toppings())).toList();
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
