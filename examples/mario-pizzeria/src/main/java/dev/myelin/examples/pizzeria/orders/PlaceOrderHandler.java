package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.menu.MenuCatalog;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import dev.myelin.examples.pizzeria.payments.PaymentOutcome;
import dev.myelin.examples.pizzeria.shared.Money;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Places an order in the command's transaction: prices it from the menu, checks the kitchen's
 * capacity, charges the payment, and saves the order with its {@link OrderPlaced} event (state,
 * event and outbox rows commit together).
 *
 * <p>The charge happens before the commit: if the commit then failed, the charge would stand
 * uncommitted. The gateway is idempotent per order id, so a retry does not charge twice; a real
 * deployment would authorize here and capture from an outbox handler.
 */
@Component
class PlaceOrderHandler implements CommandHandler<PlaceOrder, OperationResult<OrderPlacedDto>> {

    static final String NOT_AVAILABLE = "One or more pizzas are not available";

    private final OrderRepository orders;
    private final MenuCatalog menu;
    private final KitchenLoad kitchen;
    private final PaymentGateway payments;
    private final PizzeriaProperties properties;
    private final Clock clock;

    PlaceOrderHandler(OrderRepository orders, MenuCatalog menu, KitchenLoad kitchen, PaymentGateway payments,
            PizzeriaProperties properties, Clock clock) {
        this.orders = orders;
        this.menu = menu;
        this.kitchen = kitchen;
        this.payments = payments;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderPlacedDto> handle(PlaceOrder command) {
        Map<String, MenuCatalog.CatalogTopping> toppings = menu.toppings();
        List<OrderPlaced.Line> lines = new ArrayList<>();
        for (PlaceOrder.PizzaItem item : command.pizzaItems()) {
            Optional<MenuCatalog.CatalogPizza> pizza = menu.pizza(item.pizzaId()).filter(MenuCatalog.CatalogPizza::available);
            if (pizza.isEmpty()) {
                return OperationResult.badRequest(NOT_AVAILABLE);
            }
            BigDecimal toppingsPrice = Money.ZERO;
            for (String topping : item.toppingsOrEmpty()) {
                MenuCatalog.CatalogTopping known = toppings.get(topping);
                if (known == null) {
                    return OperationResult.badRequest("Topping '" + topping + "' is not on the menu");
                }
                toppingsPrice = toppingsPrice.add(known.price());
            }
            BigDecimal sized = Money.of(pizza.get().basePrice().multiply(item.size().multiplier()));
            lines.add(new OrderPlaced.Line(pizza.get().id(), pizza.get().name(), item.size(), item.toppingsOrEmpty(),
                    blankToNull(item.specialInstructions()), sized, Money.of(toppingsPrice), Money.of(sized.add(toppingsPrice)),
                    pizza.get().preparationTimeMinutes()));
        }
        int ovens = Math.max(1, properties.kitchen().ovens());
        KitchenLoad.Load load = kitchen.now();
        if (load.pizzas() + lines.size() > properties.kitchen().capacity()) {
            int wait = ceilDiv(load.prepMinutes(), ovens);
            return OperationResult.serviceUnavailable("Kitchen is at capacity. Estimated wait time is " + wait + " minutes.");
        }
        OrderPlaced.Totals totals = totals(lines);
        String orderId = UUID.randomUUID().toString();
        PaymentOutcome payment = payments.charge(orderId, totals.total(), command.paymentMethod(), command.paymentToken());
        if (payment.declined()) {
            return OperationResult.badRequest("Payment was declined. Please try a different payment method.");
        }
        Instant now = clock.instant();
        int orderPrep = lines.stream().mapToInt(OrderPlaced.Line::preparationTimeMinutes).sum();
        int longest = lines.stream().mapToInt(OrderPlaced.Line::preparationTimeMinutes).max().orElse(0);
        long minutes = Math.max(longest, ceilDiv(load.prepMinutes() + orderPrep, ovens));
        Instant ready = now.plusSeconds(60 * minutes);
        OrderPlaced.Customer customer = new OrderPlaced.Customer(customerId(command), command.customerName().trim(),
                command.customerPhone().trim(), command.customerAddress().trim());
        String token = OrderTokens.newToken();
        Order order = Order.place(orderId, customer, lines, totals,
                new OrderPlaced.Payment(command.paymentMethod().jsonName(), payment.status(), payment.transactionId()), ready,
                now, OrderTokens.hash(token));
        orders.add(order);
        return OperationResult.created(new OrderPlacedDto(orderId, order.status(), customer.customerId(), totals.subtotal(),
                totals.tax(), totals.deliveryFee(), totals.total(), payment.status(), ready, token,
                "/order.html?id=" + orderId + "#token=" + token));
    }

    private OrderPlaced.Totals totals(List<OrderPlaced.Line> lines) {
        BigDecimal subtotal = Money.ZERO;
        for (OrderPlaced.Line line : lines) {
            subtotal = subtotal.add(line.price());
        }
        BigDecimal tax = Money.of(subtotal.multiply(properties.taxRate()));
        BigDecimal fee = Money.of(properties.deliveryFee());
        return new OrderPlaced.Totals(Money.of(subtotal), tax, fee, Money.of(subtotal.add(tax).add(fee)));
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

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
