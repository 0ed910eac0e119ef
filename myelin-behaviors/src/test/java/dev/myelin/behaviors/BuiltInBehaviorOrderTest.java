package dev.myelin.behaviors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.behaviors.authorization.AuthorizationBehavior;
import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.logging.LoggingBehavior;
import dev.myelin.behaviors.metrics.ObservationBehavior;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.behaviors.retry.RetryBehavior;
import dev.myelin.behaviors.timeout.TimeoutBehavior;
import dev.myelin.data.transaction.InMemoryTransactionRunner;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.behaviors.validation.ValidationBehavior;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The documented default order of the nine built-in behaviors, and what it means. */
class BuiltInBehaviorOrderTest {

    @RequiresRole("chef")
    @Retry
    record StartCooking(@NotBlank String orderId) implements Command<OperationResult<String>> {
    }

    private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();
    private final List<String> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        validation.close();
    }

    private List<PipelineBehavior<?, ?>> builtIns() {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(context -> true);
        InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();
        return List.of(
                AuthorizationBehavior.ofDefaults(),
                new ValidationBehavior(validation.getValidator(), List.of()),
                LoggingBehavior.ofDefaults(),
                ObservationBehavior.of(observations),
                IdempotencyBehavior.ofDefaults(),
                TimeoutBehavior.ofDefaults(),
                RetryBehavior.ofDefaults(),
                TransactionBehavior.of(transactions),
                CachingBehavior.builder().transactions(transactions).build());
    }

    @Test
    void builtInOrderValuesFollowTheDocumentedChain() {
        assertThat(builtIns()).extracting(PipelineBehavior::order).containsExactly(BehaviorOrder.AUTHORIZATION,
                BehaviorOrder.VALIDATION, BehaviorOrder.LOGGING, BehaviorOrder.METRICS, BehaviorOrder.IDEMPOTENCY,
                BehaviorOrder.TIMEOUT, BehaviorOrder.RETRY, BehaviorOrder.TRANSACTION, BehaviorOrder.CACHING).isSorted();
        assertThat(BehaviorOrder.METRICS).isLessThan(BehaviorOrder.DEFAULT);
        assertThat(BehaviorOrder.DEFAULT).isLessThan(BehaviorOrder.IDEMPOTENCY);
    }

    /** Records where in the chain the request got to, between two built-ins. */
    private PipelineBehavior<Command<?>, Object> marker(String name, int order) {
        return new PipelineBehavior<>() {
            @Override
            public Object handle(Command<?> request, Next<Command<?>, Object> next) {
                trace.add(name);
                return next.invoke(request);
            }

            @Override
            public int order() {
                return order;
            }
        };
    }

    private Mediator mediator() {
        List<PipelineBehavior<?, ?>> behaviors = new ArrayList<>(builtIns());
        Collections.reverse(behaviors);
        MediatorBuilder builder = Mediator.builder().handler(StartCooking.class, command -> {
            trace.add("handler");
            return OperationResult.ok("cooking " + command.orderId());
        });
        behaviors.forEach(builder::behavior);
        builder.behavior(marker("after-authorization", BehaviorOrder.AUTHORIZATION + 1))
                .behavior(marker("after-validation", BehaviorOrder.VALIDATION + 1))
                .behavior(marker("user-behavior", BehaviorOrder.DEFAULT))
                .behavior(marker("inside-transaction", BehaviorOrder.TRANSACTION + 1));
        return builder.build();
    }

    @Test
    void registeredInReverseTheyStillRunInTheDocumentedOrder() {
        try (Mediator mediator = mediator();
                RequestContext.Scope scope = RequestContext.builder().principal(Principal.of("mario", "chef")).build()
                        .bind()) {
            OperationResult<String> result = mediator.send(new StartCooking("42"));

            assertThat(result.data()).isEqualTo("cooking 42");
            assertThat(trace).containsExactly("after-authorization", "after-validation", "user-behavior",
                    "inside-transaction", "handler");
        }
    }

    @Test
    void authorizationRefusesBeforeValidationLooksAtTheRequest() {
        try (Mediator mediator = mediator()) {
            OperationResult<String> result = mediator.send(new StartCooking(""));

            assertThat(result.status()).isEqualTo(401);
            assertThat(trace).isEmpty();
        }
    }

    @Test
    void validationRefusesBeforeAnyLaterBehaviorRuns() {
        try (Mediator mediator = mediator();
                RequestContext.Scope scope = RequestContext.builder().principal(Principal.of("mario", "chef")).build()
                        .bind()) {
            OperationResult<String> result = mediator.send(new StartCooking(""));

            assertThat(result.status()).isEqualTo(400);
            assertThat(result.errors()).containsOnlyKeys("order_id");
            assertThat(trace).containsExactly("after-authorization");
        }
    }
}
