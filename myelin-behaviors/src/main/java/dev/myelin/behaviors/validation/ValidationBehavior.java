package dev.myelin.behaviors.validation;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;
import dev.myelin.core.internal.TypeArguments;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.metadata.BeanDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses an invalid request before it is logged as work or reaches the handler
 * ({@link BehaviorOrder#VALIDATION}, right after authorization), reporting every violation at once.
 *
 * <p><b>What is checked.</b> The Jakarta Bean Validation constraints of the request record,
 * cascading into nested records marked {@code @Valid} and into constrained collection elements
 * ({@code List<@Valid PizzaItem>}, {@code List<@NotBlank String>}); then every registered
 * {@link RequestValidator} whose type covers the request, for rules that need services. Both kinds
 * run on every send, so one response lists every problem.
 *
 * <p><b>Opt-in.</b> It joins the chain only of request types that are bean-constrained
 * ({@code validator.getConstraintsForClass(type).isBeanConstrained()}) or covered by a
 * {@link RequestValidator}; that is decided once per type when the mediator is built. Other types
 * do not see it at all.
 *
 * <p><b>Result on failure.</b> The handler is not called. Errors map the property path, translated
 * by the configured {@link PropertyNaming} (snake_case by default: {@code pizzaItems[0].size} →
 * {@code pizza_items[0].size}; the request as a whole is {@link Violations#REQUEST_PATH}), to its
 * messages, sorted by path then message. A request whose result type is {@link OperationResult}
 * gets {@link OperationResult#validationFailed} (400, "Validation failed"); any other request gets
 * a {@link ValidationException} carrying the same map.
 *
 * <pre>{@code
 * record PlaceOrder(@NotBlank String customerName, @Size(min = 10) String customerPhone,
 *                   @NotEmpty List<@Valid PizzaItem> pizzaItems) implements Command<OperationResult<OrderDto>> {}
 *
 * Mediator mediator = Mediator.builder()
 *         .handler(new PlaceOrderHandler(orders))
 *         .behavior(new ValidationBehavior(validator, List.of(new PizzasExist(menu))))
 *         .build();
 * mediator.send(new PlaceOrder("", "123", List.of()));
 * // 400 Validation failed, errors {customer_name=[must not be blank], customer_phone=[...], pizza_items=[...]}
 * }</pre>
 *
 * <p><b>Cost.</b> Per send: a {@link ClassValue} look-up, then what the Jakarta validator and the
 * request validators do (Hibernate Validator: about a microsecond and 2 KB for a small record). A query
 * record whose validity is a function of its value alone (immutable components, only the clock-free
 * constraints of {@code jakarta.validation.constraints}, no cascade, no request validator) skips the
 * validator when an equal value was found valid recently (the last valid value of each of 64 hash slots
 * per type is kept): a repeated query, such as every hit of a cached one, costs a {@code hashCode} and an
 * {@code equals}, and allocates nothing. <b>Threading.</b> Thread-safe when the {@link Validator} and the request
 * validators are (Hibernate Validator's is). <b>Transactions.</b> Runs outside any transaction the
 * transaction behavior opens, so request validators read committed state.
 *
 * @since 0.1
 */
public final class ValidationBehavior implements PipelineBehavior<Request<?>, Object> {

    private final Validator validator;
    private final List<Registered> requestValidators;
    private final PropertyNaming naming;
    private final Class<?>[] groups;
    private final ClassValue<Plan> plans = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return plan(type);
        }
    };

    /**
     * Creates the behavior with {@link ValidationConfig#ofDefaults()}.
     *
     * @param validator the Jakarta validator, such as Hibernate Validator's
     * @param requestValidators the request validators; each applies to the request types its type
     *     argument covers
     * @throws IllegalArgumentException if a validator's request type cannot be read from its class
     *     (a lambda not wrapped by {@link RequestValidator#forType})
     */
    public ValidationBehavior(Validator validator, List<? extends RequestValidator<?>> requestValidators) {
        this(validator, requestValidators, ValidationConfig.ofDefaults());
    }

    /**
     * Creates the behavior.
     *
     * @param validator the Jakarta validator, such as Hibernate Validator's
     * @param requestValidators the request validators; each applies to the request types its type
     *     argument covers
     * @param config the settings
     * @throws IllegalArgumentException if a validator's request type cannot be read from its class
     *     (a lambda not wrapped by {@link RequestValidator#forType})
     */
    public ValidationBehavior(Validator validator, List<? extends RequestValidator<?>> requestValidators,
            ValidationConfig config) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.naming = config.propertyNaming();
        this.groups = config.groups().toArray(Class<?>[]::new);
        List<Registered> registered = new ArrayList<>();
        for (RequestValidator<?> each : requestValidators) {
            registered.add(new Registered(requestTypeOf(each), each));
        }
        this.requestValidators = List.copyOf(registered);
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        Plan plan = plans.get(request.getClass());
        Violations violations = null;
        if (plan.beanConstrained) {
            ValidValues known = plan.validValues;
            int slot = 0;
            if (known != null) {
                slot = ValidValues.slotOf(request);
                if (known.contains(slot, request)) {
                    return next.invoke(request);
                }
            }
            Set<ConstraintViolation<Object>> found = validator.<Object>validate(request, groups);
            if (found.isEmpty() && known != null) {
                known.add(slot, request);
            }
            if (!found.isEmpty()) {
                violations = new Violations(naming);
                for (ConstraintViolation<?> violation : found) {
                    violations.addTranslated(pathOf(violation.getPropertyPath(), naming), violation.getMessage());
                }
            }
        }
        if (plan.validators.length > 0) {
            if (violations == null) {
                violations = new Violations(naming);
            }
            for (RequestValidator<Object> check : plan.validators) {
                check.validate(request, violations);
            }
        }
        if (violations == null || violations.isEmpty()) {
            return next.invoke(request);
        }
        if (plan.returnsResult) {
            return OperationResult.validationFailed(violations.toErrors());
        }
        throw new ValidationException(plan.typeName, violations.toErrors());
    }

    /**
     * Returns whether the request type has bean constraints or a {@link RequestValidator}.
     *
     * @param requestType a request type
     * @return whether this behavior wraps it
     */
    @Override
    public boolean appliesTo(Class<?> requestType) {
        Plan plan = plans.get(requestType);
        return plan.beanConstrained || plan.validators.length > 0;
    }

    /**
     * Returns {@link BehaviorOrder#VALIDATION}.
     *
     * @return the order value
     */
    @Override
    public int order() {
        return BehaviorOrder.VALIDATION;
    }

    @SuppressWarnings("unchecked")
    private Plan plan(Class<?> type) {
        List<RequestValidator<Object>> covering = new ArrayList<>();
        for (Registered each : requestValidators) {
            if (each.requestType.isAssignableFrom(type)) {
                covering.add((RequestValidator<Object>) each.validator);
            }
        }
        BeanDescriptor constraints = validator.getConstraintsForClass(type);
        boolean constrained = constraints.isBeanConstrained();
        boolean returnsResult = OperationResult.class.equals(Request.resultType(type));
        ValidValues validValues = constrained ? ValidValues.ofType(type, constraints, !covering.isEmpty()) : null;
        return new Plan(constrained, covering.toArray(RequestValidator[]::new), returnsResult, type.getSimpleName(),
                validValues);
    }

    private static Class<?> requestTypeOf(RequestValidator<?> validator) {
        if (validator instanceof TypedRequestValidator<?> typed) {
            return typed.requestType();
        }
        Class<?>[] arguments = TypeArguments.of(validator.getClass(), RequestValidator.class, true);
        Class<?> type = arguments == null ? null : arguments[0];
        if (type == null) {
            throw new IllegalArgumentException("Cannot read the request type of validator " + validator.getClass().getName()
                    + ": implement RequestValidator<YourRequest> in a class, or wrap a lambda with"
                    + " RequestValidator.forType(YourRequest.class, lambda)");
        }
        return type;
    }

    /**
     * Writes a constraint violation's path the way a JSON client addresses the value:
     * {@code pizzaItems[0].size}, {@code toppings[1]}; container element nodes
     * ({@code <list element>}) and bean nodes contribute only their index or key.
     */
    static String pathOf(Path path, PropertyNaming naming) {
        StringBuilder written = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                written.append('[');
                if (node.getIndex() != null) {
                    written.append(node.getIndex());
                } else if (node.getKey() != null) {
                    written.append(node.getKey());
                }
                written.append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (written.length() > 0) {
                    written.append('.');
                }
                written.append(naming.translate(node.getName()));
            }
        }
        return written.toString();
    }

    /** A request validator with its resolved request type. */
    private record Registered(Class<?> requestType, RequestValidator<?> validator) {
    }

    /** What to check for one request type, resolved once. */
    private static final class Plan {
        final boolean beanConstrained;
        final RequestValidator<Object>[] validators;
        final boolean returnsResult;
        final String typeName;
        /** The type's last valid values, when its validity is a function of its value alone; else null. */
        final ValidValues validValues;

        Plan(boolean beanConstrained, RequestValidator<Object>[] validators, boolean returnsResult, String typeName,
                ValidValues validValues) {
            this.beanConstrained = beanConstrained;
            this.validators = validators;
            this.returnsResult = returnsResult;
            this.typeName = typeName;
            this.validValues = validValues;
        }
    }
}
