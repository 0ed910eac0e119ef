package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.menu.MenuCatalog;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.Money;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Prices a {@link PlaceOrder} from the menu: each pizza's base price times its size, plus its
 * toppings; tax on the subtotal; the delivery fee. Prices from the order's pizzas and toppings read by
 * one statement: {@link MenuCatalog#select} for the card authorization, which must know the amount
 * before the order's transaction; {@link PlacingReads} (with the kitchen's load) for the handler, in
 * the order's transaction, so the prices charged are those that transaction read. Thread-safe.
 */
@Component
public class OrderPricing {

    static final String NOT_AVAILABLE = "One or more pizzas are not available";

    /** The message of a topping not on the menu, on its field ({@code pizza_items[i].toppings[j]}). */
    static final String UNKNOWN_TOPPING = "is not a topping on the menu";

    private final MenuCatalog menu;
    private final PizzeriaProperties properties;

    OrderPricing(MenuCatalog menu, PizzeriaProperties properties) {
        this.menu = menu;
        this.properties = properties;
    }

    /**
     * Prices an order. A topping not on the menu is refused first, as a validation failure naming each
     * such field (400 "Validation failed", {@code pizza_items[i].toppings[j]}: "is not a topping on the
     * menu"); then a pizza not on the menu or not available (400 {@value #NOT_AVAILABLE}).
     *
     * @param command the order to price
     * @return the order's lines and totals, or why it cannot be priced
     */
    public Priced price(PlaceOrder command) {
        return price(command, menu.select(pizzaIds(command), toppingIds(command)));
    }

    /**
     * Prices an order from pizzas and toppings already read, by the rules of {@link #price(PlaceOrder)}.
     *
     * @param command the order to price
     * @param selection its pizzas and toppings found on the menu ({@link #pizzaIds}, {@link #toppingIds})
     * @return the order's lines and totals, or why it cannot be priced
     */
    Priced price(PlaceOrder command, MenuCatalog.Selection selection) {
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        for (int i = 0; i < command.pizzaItems().size(); i++) {
            List<String> chosen = command.pizzaItems().get(i).toppingsOrEmpty();
            for (int j = 0; j < chosen.size(); j++) {
                if (!selection.toppings().containsKey(chosen.get(j))) {
                    unknown.put("pizza_items[" + i + "].toppings[" + j + "]", List.of(UNKNOWN_TOPPING));
                }
            }
        }
        if (!unknown.isEmpty()) {
            return Priced.refused(OperationResult.validationFailed(unknown));
        }
        List<OrderPlaced.Line> lines = new ArrayList<>();
        for (PlaceOrder.PizzaItem item : command.pizzaItems()) {
            MenuCatalog.CatalogPizza pizza = selection.pizzas().get(item.pizzaId());
            if (pizza == null || !pizza.available()) {
                return Priced.refused(OperationResult.badRequest(NOT_AVAILABLE));
            }
            BigDecimal toppingsPrice = Money.ZERO;
            for (String topping : item.toppingsOrEmpty()) {
                toppingsPrice = toppingsPrice.add(selection.toppings().get(topping).price());
            }
            BigDecimal sized = Money.of(pizza.basePrice().multiply(item.size().multiplier()));
            lines.add(new OrderPlaced.Line(pizza.id(), pizza.name(), item.size(), item.toppingsOrEmpty(),
                    blankToNull(item.specialInstructions()), sized, Money.of(toppingsPrice), Money.of(sized.add(toppingsPrice)),
                    pizza.preparationTimeMinutes()));
        }
        BigDecimal subtotal = Money.ZERO;
        for (OrderPlaced.Line line : lines) {
            subtotal = subtotal.add(line.price());
        }
        BigDecimal tax = Money.of(subtotal.multiply(properties.taxRate()));
        BigDecimal fee = Money.of(properties.deliveryFee());
        return new Priced(lines, new OrderPlaced.Totals(Money.of(subtotal), tax, fee, Money.of(subtotal.add(tax).add(fee))),
                null);
    }

    /** The pizzas an order names. */
    static Set<String> pizzaIds(PlaceOrder command) {
        Set<String> ids = new HashSet<>();
        command.pizzaItems().forEach(item -> ids.add(item.pizzaId()));
        return ids;
    }

    /** The toppings an order names. */
    static Set<String> toppingIds(PlaceOrder command) {
        Set<String> ids = new HashSet<>();
        command.pizzaItems().forEach(item -> ids.addAll(item.toppingsOrEmpty()));
        return ids;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * A priced order.
     *
     * @param lines the pizzas, priced
     * @param totals the totals
     * @param refusal the 400 answering an order that cannot be priced, or {@code null}
     */
    public record Priced(List<OrderPlaced.Line> lines, OrderPlaced.Totals totals, OperationResult<OrderPlacedDto> refusal) {

        static Priced refused(OperationResult<OrderPlacedDto> why) {
            return new Priced(List.of(), null, why);
        }
    }
}
