package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.behaviors.validation.RequestValidator;
import dev.myelin.behaviors.validation.Violations;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import org.springframework.stereotype.Component;

/**
 * The rules of {@link PlaceOrder} that need configuration, run by the validation behavior with the bean
 * constraints: the phone's minimum length and digits. The rules that need the menu (known toppings,
 * available pizzas) are checked by {@link OrderPricing} on the menu it prices from, in the command's
 * transaction, so that validating reads nothing. Thread-safe.
 */
@Component
class PlaceOrderRules implements RequestValidator<PlaceOrder> {

    /** The fewest digits a phone has (the seed's own {@code 555-0123} has 7); a guest's id is made of them. */
    static final int MIN_PHONE_DIGITS = 7;

    private final PizzeriaProperties properties;

    PlaceOrderRules(PizzeriaProperties properties) {
        this.properties = properties;
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
    }

    /** The phone's digits, of any script, as ASCII digits ({@code "٥٥٥"} → {@code "555"}). */
    static String digits(String phone) {
        StringBuilder digits = new StringBuilder(phone.length());
        phone.codePoints().filter(Character::isDigit).forEach(c -> digits.append(Character.digit(c, 10)));
        return digits.toString();
    }
}
