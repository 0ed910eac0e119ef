package dev.myelin.behaviors.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ValidationBehaviorTest {

    record PizzaItem(
            @NotBlank(message = "is required") String pizzaId,
            @Pattern(regexp = "small|medium|large", message = "must be small, medium or large") String size,
            List<@NotBlank(message = "must not be blank") String> toppings) {
    }

    record PlaceOrder(
            @NotBlank(message = "is required") String customerName,
            @Size(min = 10, message = "must have at least 10 characters")
            @Pattern(regexp = "\\+?[0-9 ]*", message = "must contain only digits") String customerPhone,
            @NotEmpty(message = "must contain at least one pizza") List<@Valid PizzaItem> pizzaItems,
            String paymentMethod) implements Command<OperationResult<String>> {
    }

    record Customer(@NotBlank(message = "is required") String name,
            @Size(min = 10, message = "must have at least 10 characters") String phone) {
    }

    /** Returns a plain value, not an OperationResult. */
    record RegisterCustomer(@Valid @NotNull(message = "is required") Customer customer) implements Command<String> {
    }

    /** No constraint at all. */
    record GetMenu(String category, int limit) implements Query<OperationResult<String>> {
    }

    interface OrderCommand {
        String orderId();
    }

    /** No bean constraint; only a request validator declared for its interface covers it. */
    record CancelOrder(String orderId, String reason) implements Command<OperationResult<String>>, OrderCommand {
    }

    /** The pizzeria's menu, in memory: the service a request validator needs. */
    static final class FakeMenu {
        private final Set<String> pizzas;

        FakeMenu(String... pizzas) {
            this.pizzas = Set.of(pizzas);
        }

        boolean isAvailable(String pizzaId) {
            return pizzas.contains(pizzaId);
        }
    }

    static final class PizzasExist implements RequestValidator<PlaceOrder> {
        private final FakeMenu menu;

        PizzasExist(FakeMenu menu) {
            this.menu = menu;
        }

        @Override
        public void validate(PlaceOrder order, Violations violations) {
            List<PizzaItem> items = order.pizzaItems();
            for (int i = 0; items != null && i < items.size(); i++) {
                String pizzaId = items.get(i).pizzaId();
                // Blank ids are the bean constraints' business: report each problem once.
                if (pizzaId != null && !pizzaId.isBlank() && !menu.isAvailable(pizzaId)) {
                    violations.add("pizzaItems[" + i + "].pizzaId", "is not on the menu");
                }
            }
        }
    }

    static final class OrderIdsAreWellFormed implements RequestValidator<OrderCommand> {
        @Override
        public void validate(OrderCommand command, Violations violations) {
            if (!command.orderId().startsWith("o-")) {
                violations.add("orderId", "must start with o-");
            }
        }
    }

    private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
            .defaultLocale(Locale.ENGLISH)
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    private final AtomicInteger handled = new AtomicInteger();
    private final FakeMenu menu = new FakeMenu("margherita", "pepperoni");

    @AfterAll
    static void closeFactory() {
        FACTORY.close();
    }

    private Mediator mediator(ValidationBehavior validation) {
        return Mediator.builder()
                .behavior(validation)
                .handler(PlaceOrder.class, order -> {
                    handled.incrementAndGet();
                    return OperationResult.created("order-1");
                })
                .handler(RegisterCustomer.class, command -> {
                    handled.incrementAndGet();
                    return "customer-1";
                })
                .handler(GetMenu.class, query -> {
                    handled.incrementAndGet();
                    return OperationResult.ok("menu:" + query.category());
                })
                .handler(CancelOrder.class, command -> {
                    handled.incrementAndGet();
                    return OperationResult.noContent();
                })
                .build();
    }

    private Mediator mediator() {
        return mediator(new ValidationBehavior(VALIDATOR, List.of(new PizzasExist(menu), new OrderIdsAreWellFormed())));
    }

    private static PlaceOrder validOrder() {
        return new PlaceOrder("Mario Rossi", "+1 555 0100", List.of(new PizzaItem("margherita", "large", List.of("basil"))),
                "cash");
    }

    @Test
    void validRequestReachesTheHandler() {
        OperationResult<String> result = mediator().send(validOrder());

        assertThat(result).isEqualTo(OperationResult.created("order-1"));
        assertThat(handled).hasValue(1);
    }

    @Test
    void singleViolationIsReportedAs400KeyedBySnakeCasePathAndHandlerIsNotCalled() {
        PlaceOrder order = new PlaceOrder("Mario Rossi", "555", validOrder().pizzaItems(), "cash");

        OperationResult<String> result = mediator().send(order);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.title()).isEqualTo("Validation failed");
        assertThat(result.detail()).isEqualTo("1 field is invalid");
        assertThat(result.errors()).isEqualTo(Map.of("customer_phone", List.of("must have at least 10 characters")));
        assertThat(handled).hasValue(0);
    }

    @Test
    void everyViolationIsReportedAtOnceSortedByPathThenMessage() {
        PlaceOrder order = new PlaceOrder("", "abc", List.of(), "cash");

        OperationResult<String> result = mediator().send(order);

        assertThat(result.errors()).containsExactly(
                Map.entry("customer_name", List.of("is required")),
                Map.entry("customer_phone", List.of("must contain only digits", "must have at least 10 characters")),
                Map.entry("pizza_items", List.of("must contain at least one pizza")));
        assertThat(result.detail()).isEqualTo("4 fields are invalid");
        assertThat(handled).hasValue(0);
    }

    @Test
    void nestedListElementAndContainerElementPathsAreIndexed() {
        PlaceOrder order = new PlaceOrder("Mario Rossi", "+1 555 0100", List.of(
                new PizzaItem("margherita", "large", List.of("basil")),
                new PizzaItem("", "huge", List.of("cheese", " "))), "cash");

        OperationResult<String> result = mediator().send(order);

        assertThat(result.errors()).containsExactly(
                Map.entry("pizza_items[1].pizza_id", List.of("is required")),
                Map.entry("pizza_items[1].size", List.of("must be small, medium or large")),
                Map.entry("pizza_items[1].toppings[1]", List.of("must not be blank")));
    }

    @Test
    void requestValidatorNeedingAServiceIsCombinedWithBeanViolations() {
        PlaceOrder order = new PlaceOrder("", "+1 555 0100", List.of(
                new PizzaItem("hawaiian", "small", List.of()),
                new PizzaItem("margherita", "medium", List.of()),
                new PizzaItem("calzone", "tiny", List.of())), "cash");

        OperationResult<String> result = mediator().send(order);

        assertThat(result.errors()).containsExactly(
                Map.entry("customer_name", List.of("is required")),
                Map.entry("pizza_items[0].pizza_id", List.of("is not on the menu")),
                Map.entry("pizza_items[2].pizza_id", List.of("is not on the menu")),
                Map.entry("pizza_items[2].size", List.of("must be small, medium or large")));
        assertThat(handled).hasValue(0);
    }

    @Test
    void indexesSortAsNumbersNotAsText() {
        List<PizzaItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(new PizzaItem("margherita", i == 2 || i == 10 ? "huge" : "small", List.of()));
        }

        OperationResult<String> result = mediator().send(new PlaceOrder("Mario", "+1 555 0100", items, "cash"));

        assertThat(result.errors().keySet()).containsExactly("pizza_items[2].size", "pizza_items[10].size");
    }

    @Test
    void requestNotReturningOperationResultGetsValidationExceptionWithTheSameErrors() {
        Mediator mediator = mediator();

        assertThatThrownBy(() -> mediator.send(new RegisterCustomer(new Customer(" ", "12345"))))
                .isInstanceOfSatisfying(ValidationException.class, invalid -> {
                    assertThat(invalid.errors()).containsExactly(
                            Map.entry("customer.name", List.of("is required")),
                            Map.entry("customer.phone", List.of("must have at least 10 characters")));
                    assertThat(invalid.getMessage()).isEqualTo("Validation of RegisterCustomer failed: "
                            + "{customer.name=[is required], customer.phone=[must have at least 10 characters]}");
                });
        assertThatThrownBy(() -> mediator.send(new RegisterCustomer(null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        invalid -> assertThat(invalid.errors()).isEqualTo(Map.of("customer", List.of("is required"))));
        assertThat(handled).hasValue(0);
        assertThat(mediator.send(new RegisterCustomer(new Customer("Anna", "+1 555 0100")))).isEqualTo("customer-1");
    }

    @Test
    void unconstrainedRequestTypeIsNotWrapped() {
        ValidationBehavior validation = new ValidationBehavior(VALIDATOR, List.of(new PizzasExist(menu)));

        OperationResult<String> result = mediator(validation).send(new GetMenu("", -1));

        assertThat(validation.appliesTo(GetMenu.class)).isFalse();
        assertThat(validation.appliesTo(PlaceOrder.class)).isTrue();
        assertThat(result).isEqualTo(OperationResult.ok("menu:"));
        assertThat(handled).hasValue(1);
    }

    @Test
    void requestValidatorDeclaredForAnInterfaceMakesAnUnconstrainedTypeApply() {
        ValidationBehavior validation = new ValidationBehavior(VALIDATOR, List.of(new OrderIdsAreWellFormed()));
        Mediator mediator = mediator(validation);

        OperationResult<String> invalid = mediator.send(new CancelOrder("42", "changed my mind"));
        OperationResult<String> valid = mediator.send(new CancelOrder("o-42", "changed my mind"));

        assertThat(validation.appliesTo(CancelOrder.class)).isTrue();
        assertThat(invalid.errors()).isEqualTo(Map.of("order_id", List.of("must start with o-")));
        assertThat(valid.status()).isEqualTo(204);
        assertThat(handled).hasValue(1);
    }

    @Test
    void lambdaValidatorNeedsAnExplicitType() {
        RequestValidator<CancelOrder> lambda = (command, violations) -> violations.add(Violations.REQUEST_PATH, "closed");

        assertThatThrownBy(() -> new ValidationBehavior(VALIDATOR, List.of(lambda)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RequestValidator.forType(YourRequest.class, lambda)");

        ValidationBehavior validation = new ValidationBehavior(VALIDATOR,
                List.of(RequestValidator.forType(CancelOrder.class, lambda)));
        OperationResult<String> result = mediator(validation).send(new CancelOrder("o-1", "none"));

        assertThat(result.errors()).isEqualTo(Map.of("", List.of("closed")));
        assertThat(validation.appliesTo(GetMenu.class)).isFalse();
    }

    @Test
    void identityNamingKeepsJavaNames() {
        ValidationConfig config = ValidationConfig.builder().propertyNaming(PropertyNaming.IDENTITY).build();
        ValidationBehavior validation = new ValidationBehavior(VALIDATOR, List.of(new PizzasExist(menu)), config);
        PlaceOrder order = new PlaceOrder("Mario", "+1 555 0100", List.of(new PizzaItem("calzone", "huge", List.of())), "cash");

        OperationResult<String> result = mediator(validation).send(order);

        assertThat(result.errors()).containsExactly(
                Map.entry("pizzaItems[0].pizzaId", List.of("is not on the menu")),
                Map.entry("pizzaItems[0].size", List.of("must be small, medium or large")));
    }

    @Test
    void snakeCaseMatchesJacksonsTranslation() {
        assertThat(PropertyNaming.SNAKE_CASE.translate("customerPhone")).isEqualTo("customer_phone");
        assertThat(PropertyNaming.SNAKE_CASE.translate("line2Address")).isEqualTo("line2_address");
        assertThat(PropertyNaming.SNAKE_CASE.translate("URLValue")).isEqualTo("urlvalue");
        assertThat(PropertyNaming.SNAKE_CASE.translate("id")).isEqualTo("id");
        assertThat(Violations.translatePath("pizzaItems[0].toppings[12]", PropertyNaming.SNAKE_CASE))
                .isEqualTo("pizza_items[0].toppings[12]");
        assertThat(Violations.translatePath("extras[giftWrap].noteText", PropertyNaming.SNAKE_CASE))
                .isEqualTo("extras[giftWrap].note_text");
    }

    @Test
    void defaultsAreSnakeCaseAndTheDefaultGroup() {
        assertThat(ValidationConfig.ofDefaults().propertyNaming()).isSameAs(PropertyNaming.SNAKE_CASE);
        assertThat(ValidationConfig.ofDefaults().groups()).isEmpty();
        assertThat(new ValidationBehavior(VALIDATOR, List.of()).order()).isEqualTo(BehaviorOrder.VALIDATION);
    }
}
