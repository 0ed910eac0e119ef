package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.behaviors.validation.RequestValidator;
import dev.myelin.behaviors.validation.Violations;
import dev.myelin.examples.pizzeria.menu.MenuCatalog;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rules of {@link PlaceOrder} that need configuration or the menu, run by the validation
 * behavior with the bean constraints: the phone's minimum length and digits, and known toppings.
 * Thread-safe.
 */
@Component
class PlaceOrderRules implements RequestValidator<PlaceOrder> {

    /** The fewest digits a phone has (the seed's own {@code 555-0123} has 7); a guest's id is made of them. */
    static final int MIN_PHONE_DIGITS = 7;

    private final PizzeriaProperties properties;
    private final MenuCatalog menu;

    PlaceOrderRules(PizzeriaProperties properties, MenuCatalog menu) {
        this.properties = properties;
        this.menu = menu;
    }

    @Override
    public void validate(PlaceOrder order, Violations violations) {
        String phone = order.customerPhone();
        if (phone != null && !phone.isBlank() && phone.trim().length() < properties.minPhoneLength()) {
            violations.add("customerPhone", "must have at least " + properties.minPhoneLength() + " characters");
        }
        if (phone != null && !phone.isBlank() && digits(phone).length() < MIN_PHONE_DIGITS) {
            violations.add("customerPhone", "must have at least " + MIN_PHONE_DIGITS + " digits");
        }
        List<PlaceOrder.PizzaItem> items = order.pizzaItems();
        if (items == null || items.isEmpty()) {
            return;
        }
        Set<String> toppings = menu.toppings().keySet();
        for (int i = 0; i < items.size(); i++) {
            PlaceOrder.PizzaItem item = items.get(i);
            List<String> chosen = item == null ? List.of() : item.toppingsOrEmpty();
            for (int j = 0; j < chosen.size(); j++) {
                if (chosen.get(j) != null && !chosen.get(j).isBlank() && !toppings.contains(chosen.get(j))) {
                    violations.add("pizzaItems[" + i + "].toppings[" + j + "]", "is not a topping on the menu");
                }
            }
        }
    }

    /** The phone's digits, of any script, as ASCII digits ({@code "٥٥٥"} → {@code "555"}). */
    static String digits(String phone) {
        StringBuilder digits = new StringBuilder(phone.length());
        phone.codePoints().filter(Character::isDigit).forEach(c -> digits.append(Character.digit(c, 10)));
        return digits.toString();
    }
}
