package dev.myelin.behaviors.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The validation behavior skips the validator for an equal value found valid before, only where that is sound. */
class ValidValuesTest {

    record GetOrderStatus(@NotBlank(message = "is required") String orderId) implements Query<OperationResult<String>> {
    }

    record GetMenu(@Pattern(regexp = "[a-z_]{1,30}") String category, boolean includeSeasonal)
            implements Query<OperationResult<String>> {
    }

    /** Valid today, invalid once the date has passed: the clock decides, not the value alone. */
    record GetReservations(@Future LocalDate day) implements Query<OperationResult<String>> {
    }

    /** A list may change after it was validated. */
    record GetPizzas(@NotBlank String category, List<String> ids) implements Query<OperationResult<String>> {
    }

    record CancelOrder(@NotBlank String orderId) implements Command<OperationResult<String>> {
    }

    private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    private final CountingValidator validator = new CountingValidator(factory.getValidator());
    private final Mediator mediator = Mediator.builder()
            .behavior(new ValidationBehavior(validator, List.of()))
            .handler(GetOrderStatus.class, query -> OperationResult.ok("pending"))
            .handler(GetMenu.class, query -> OperationResult.ok("menu"))
            .handler(GetReservations.class, query -> OperationResult.ok("tables"))
            .handler(GetPizzas.class, query -> OperationResult.ok("pizzas"))
            .handler(CancelOrder.class, command -> OperationResult.ok("cancelled"))
            .build();

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void anEqualValueFoundValidBeforeSkipsTheValidator() {
        assertThat(mediator.send(new GetOrderStatus("o-1")).status()).isEqualTo(200);
        assertThat(mediator.send(new GetOrderStatus("o-1")).status()).isEqualTo(200);
        assertThat(mediator.send(new GetMenu(null, true)).status()).isEqualTo(200);
        assertThat(mediator.send(new GetMenu(null, true)).status()).isEqualTo(200);

        assertThat(validator.validations.get()).as("each value validated once").isEqualTo(2);
    }

    @Test
    void anInvalidValueIsRefusedEveryTimeAndAnotherValueIsValidated() {
        mediator.send(new GetMenu("pizzas", true));

        assertThat(mediator.send(new GetMenu("Pizzas!", true)).status()).isEqualTo(400);
        assertThat(mediator.send(new GetMenu("Pizzas!", true)).status()).isEqualTo(400);
        assertThat(mediator.send(new GetOrderStatus(" ")).errors()).containsKey("order_id");
        assertThat(mediator.send(new GetOrderStatus(" ")).status()).isEqualTo(400);
        assertThat(mediator.send(new GetMenu("pizzas", false)).status()).isEqualTo(200);

        assertThat(validator.validations.get()).isEqualTo(6);
    }

    @Test
    void typesWhoseValidityIsNotTheirValueAloneAreValidatedEveryTime() {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        for (int i = 0; i < 2; i++) {
            mediator.send(new GetReservations(tomorrow));
            mediator.send(new GetPizzas("classic", List.of("margherita")));
            mediator.send(new CancelOrder("o-1"));
        }

        assertThat(validator.validations.get()).isEqualTo(6);
    }

    @Test
    void onlyClockFreeJakartaConstraintsOnImmutableComponentsOfQueryRecordsQualify() {
        Validator plain = factory.getValidator();

        assertThat(ValidValues.ofType(GetOrderStatus.class, plain.getConstraintsForClass(GetOrderStatus.class), false))
                .isNotNull();
        assertThat(ValidValues.ofType(GetOrderStatus.class, plain.getConstraintsForClass(GetOrderStatus.class), true))
                .as("a request validator may read state").isNull();
        assertThat(ValidValues.ofType(GetReservations.class, plain.getConstraintsForClass(GetReservations.class), false))
                .isNull();
        assertThat(ValidValues.ofType(GetPizzas.class, plain.getConstraintsForClass(GetPizzas.class), false)).isNull();
        assertThat(ValidValues.ofType(CancelOrder.class, plain.getConstraintsForClass(CancelOrder.class), false)).isNull();
    }

    @Test
    void aValueHashingToTheSameSlotReplacesTheOneKept() {
        ValidValues memo = ValidValues.ofType(GetOrderStatus.class,
                factory.getValidator().getConstraintsForClass(GetOrderStatus.class), false);
        GetOrderStatus first = new GetOrderStatus("o-1");
        GetOrderStatus other = null;
        for (int i = 0; other == null; i++) {
            GetOrderStatus candidate = new GetOrderStatus("o-" + i);
            if (!candidate.equals(first) && ValidValues.slotOf(candidate) == ValidValues.slotOf(first)) {
                other = candidate;
            }
        }

        memo.add(ValidValues.slotOf(first), first);
        memo.add(ValidValues.slotOf(other), other);

        assertThat(memo.contains(ValidValues.slotOf(other), other)).isTrue();
        assertThat(memo.contains(ValidValues.slotOf(first), first)).isFalse();
        assertThat(memo.contains(ValidValues.slotOf(first), new GetOrderStatus("o-1"))).isFalse();
    }

    /** Counts the bean validations the behavior asks for. */
    static final class CountingValidator implements Validator {
        private final Validator delegate;
        final AtomicInteger validations = new AtomicInteger();

        CountingValidator(Validator delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
            validations.incrementAndGet();
            return delegate.validate(object, groups);
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
            return delegate.validateProperty(object, propertyName, groups);
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value,
                Class<?>... groups) {
            return delegate.validateValue(beanType, propertyName, value, groups);
        }

        @Override
        public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
            return delegate.getConstraintsForClass(clazz);
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return delegate.unwrap(type);
        }

        @Override
        public ExecutableValidator forExecutables() {
            return delegate.forExecutables();
        }
    }
}
