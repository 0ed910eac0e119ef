package dev.myelin.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.logging.LoggingBehavior;
import dev.myelin.behaviors.metrics.ObservationBehavior;
import dev.myelin.behaviors.metrics.TimerBehavior;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.behaviors.validation.ValidationBehavior;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorConfigurationException;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import dev.myelin.core.RequestHandler;
import dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration;
import dev.myelin.spring.boot.behaviors.BehaviorsProperties;
import dev.myelin.spring.boot.declared.DeclaredRequestsApplication;
import dev.myelin.spring.boot.declared.MissingHandlers;
import dev.myelin.spring.boot.transaction.SpringTransactionRunner;
import dev.myelin.spring.boot.web.RequestContextFilter;
import dev.myelin.spring.boot.web.WebProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

class MediatorAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MediatorAutoConfiguration.class, BehaviorsAutoConfiguration.class));

    record PlaceOrder(String id) implements Command<OperationResult<String>> {
    }

    record GetOrder(String id) implements Query<OperationResult<String>> {
    }

    record GetCount() implements Query<Integer> {
    }

    record OrderPlaced(String id) implements Event {
    }

    static final class OrderRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static final class GetOrderHandler implements QueryHandler<GetOrder, OperationResult<String>> {
        @Override
        public OperationResult<String> handle(GetOrder query) {
            return OperationResult.ok("order " + query.id());
        }
    }

    static final class PlaceOrderHandler implements CommandHandler<PlaceOrder, OperationResult<String>> {
        @Override
        public OperationResult<String> handle(PlaceOrder command) {
            return OperationResult.created(command.id());
        }
    }

    static final class OtherPlaceOrderHandler implements CommandHandler<PlaceOrder, OperationResult<String>> {
        @Override
        public OperationResult<String> handle(PlaceOrder command) {
            return OperationResult.created(command.id());
        }
    }

    /** Beans declared as lambdas: their types come only from the @Bean methods' return types. */
    @Configuration(proxyBeanMethods = false)
    static class LambdaBeans {

        final List<String> trace = new CopyOnWriteArrayList<>();

        @Bean
        List<String> trace() {
            return trace;
        }

        @Bean
        CommandHandler<PlaceOrder, OperationResult<String>> placeOrder(Mediator mediator) {
            // Injecting the mediator into a handler must not be a cycle.
            return command -> {
                if (command.id().equals("rejected")) {
                    throw new OrderRejectedException();
                }
                mediator.publish(new OrderPlaced(command.id()));
                return OperationResult.created(command.id());
            };
        }

        /** A JDK proxy: its class says nothing of GetCount, the method's return type does. */
        @Bean
        @SuppressWarnings("unchecked")
        QueryHandler<GetCount, Integer> getCount() {
            return (QueryHandler<GetCount, Integer>) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {QueryHandler.class}, (proxy, method, arguments) -> switch (method.getName()) {
                        case "handle" -> 42;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == arguments[0];
                        default -> "GetCount proxy";
                    });
        }

        /** A Spring AOP proxy (JDK, interface-based): read through to the target class. */
        @Bean
        @SuppressWarnings("unchecked")
        QueryHandler<GetOrder, OperationResult<String>> getOrder() {
            ProxyFactory proxy = new ProxyFactory(new GetOrderHandler());
            proxy.addInterface(QueryHandler.class);
            proxy.addAdvice((MethodInterceptor) invocation -> invocation.proceed());
            return (QueryHandler<GetOrder, OperationResult<String>>) proxy.getProxy();
        }

        @Bean
        EventHandler<OrderPlaced> orderPlaced() {
            return event -> trace.add("placed " + event.id());
        }

        @Bean
        PipelineBehavior<Command<?>, OperationResult<?>> commandsReturningResults() {
            return (command, next) -> {
                trace.add("command " + command.getClass().getSimpleName());
                return next.invoke(command);
            };
        }

        @Bean
        PipelineBehavior<Query<?>, Object> queries() {
            return (query, next) -> {
                trace.add("query " + query.getClass().getSimpleName());
                return next.invoke(query);
            };
        }

        @Bean
        ExceptionHandler<OrderRejectedException> rejected() {
            return (exception, request) -> OperationResult.conflict("Order was rejected");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DuplicateHandlers {

        @Bean
        PlaceOrderHandler placeOrderHandler() {
            return new PlaceOrderHandler();
        }

        @Bean
        OtherPlaceOrderHandler otherPlaceOrderHandler() {
            return new OtherPlaceOrderHandler();
        }
    }

    /** Lambda behaviors that state their order; declared innermost first. */
    @Configuration(proxyBeanMethods = false)
    static class OrderedLambdaBehaviors {

        final List<String> trace = new CopyOnWriteArrayList<>();

        @Bean
        List<String> trace() {
            return trace;
        }

        @Bean
        PlaceOrderHandler placeOrderHandler() {
            return new PlaceOrderHandler();
        }

        @Bean
        PipelineBehavior<Command<?>, OperationResult<?>> inner() {
            return PipelineBehavior.ordered(BehaviorOrder.CACHING, (command, next) -> {
                trace.add("inner");
                return next.invoke(command);
            });
        }

        @Bean
        PipelineBehavior<Command<?>, Object> outer() {
            return PipelineBehavior.ordered(BehaviorOrder.AUTHORIZATION, (command, next) -> {
                trace.add("outer");
                return next.invoke(command);
            });
        }

        /** Its scope (queries returning results) covers no handler: it must not join the command's chain. */
        @Bean
        PipelineBehavior<Query<?>, OperationResult<?>> queriesOnly() {
            return PipelineBehavior.ordered(BehaviorOrder.AUTHORIZATION - 1, (query, next) -> {
                trace.add("query");
                return next.invoke(query);
            });
        }
    }

    /** Two lambdas for one request type: only their bean names tell them apart. */
    @Configuration(proxyBeanMethods = false)
    static class DuplicateLambdaHandlers {

        @Bean
        CommandHandler<PlaceOrder, OperationResult<String>> placeOrder() {
            return command -> OperationResult.created("first");
        }

        @Bean
        CommandHandler<PlaceOrder, OperationResult<String>> placeRushOrder() {
            return command -> OperationResult.created("second");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RawHandler {

        @Bean
        @SuppressWarnings("rawtypes")
        RequestHandler rawHandler() {
            return request -> OperationResult.ok(request);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMediator {

        @Bean
        Mediator userMediator() {
            return Mediator.builder().handler(new GetOrderHandler()).build();
        }

        @Bean
        PlaceOrderHandler placeOrderHandler() {
            return new PlaceOrderHandler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TransactionManagerAndCommand {

        @Bean
        NoResourceTransactionManager transactionManager() {
            return new NoResourceTransactionManager();
        }

        @Bean
        PlaceOrderHandler placeOrderHandler() {
            return new PlaceOrderHandler();
        }

        @Bean
        GetOrderHandler getOrderHandler() {
            return new GetOrderHandler();
        }
    }

    @Test
    void beansAreRegisteredWithTypesResolvedFromTheirBeanMethods() {
        contextRunner.withUserConfiguration(LambdaBeans.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Mediator.class);
            Mediator mediator = context.getBean(Mediator.class);
            @SuppressWarnings("unchecked")
            List<String> trace = context.getBean("trace", List.class);

            assertThat(mediator.send(new PlaceOrder("o-1"))).isEqualTo(OperationResult.created("o-1"));
            assertThat(mediator.send(new GetOrder("o-2")).data()).isEqualTo("order o-2");
            assertThat(mediator.send(new GetCount())).isEqualTo(42);
            assertThat(mediator.send(new PlaceOrder("rejected")).status()).isEqualTo(409);

            // The command behavior's result scope (OperationResult) kept it off GetCount.
            assertThat(trace).containsExactly("command PlaceOrder", "placed o-1", "query GetOrder", "query GetCount",
                    "command PlaceOrder");
        });
    }

    @Test
    void userMediatorBacksOff() {
        contextRunner.withUserConfiguration(UserMediator.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Mediator.class).hasBean("userMediator");
            assertThat(context.getBean(Mediator.class).send(new GetOrder("o-3")).data()).isEqualTo("order o-3");
        });
    }

    @Test
    void duplicateHandlersFailStartupNamingBoth() {
        contextRunner.withUserConfiguration(DuplicateHandlers.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(MediatorConfigurationException.class)
                    .hasMessageContaining(PlaceOrder.class.getName())
                    .hasMessageContaining(PlaceOrderHandler.class.getName())
                    .hasMessageContaining(OtherPlaceOrderHandler.class.getName());
        });
    }

    @Test
    void lambdaBehaviorBeansRunInTheOrderTheyStateWithinTheScopeOfTheirBeanMethods() {
        contextRunner.withUserConfiguration(OrderedLambdaBehaviors.class)
                .withPropertyValues("myelin.behaviors.logging.enabled=false")
                .withBean(MediatorBuilderCustomizer.class, () -> builder -> builder.strictBehaviors(false))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    @SuppressWarnings("unchecked")
                    List<String> trace = context.getBean("trace", List.class);

                    assertThat(context.getBean(Mediator.class).send(new PlaceOrder("o-1")).status()).isEqualTo(201);
                    assertThat(trace).containsExactly("outer", "inner");
                });
    }

    @Test
    void duplicateLambdaHandlersFailStartupNamingTheirBeans() {
        contextRunner.withUserConfiguration(DuplicateLambdaHandlers.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOfSatisfying(MediatorConfigurationException.class,
                    failure -> assertThat(failure.problems()).containsExactly("Request type " + PlaceOrder.class.getName()
                            + " has 2 handler beans: 'placeOrder' (a lambda), 'placeRushOrder' (a lambda)"
                            + " (exactly one is allowed)"));
        });
    }

    @Test
    void declaredRequestTypesWithoutAHandlerBeanFailStartupNamingThemAll() {
        contextRunner.withUserConfiguration(DeclaredRequestsApplication.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOfSatisfying(MediatorConfigurationException.class,
                    failure -> assertThat(failure.problems()).singleElement().asString()
                            .startsWith("Request types ")
                            .contains(DeclaredRequestsApplication.CancelOrder.class.getName(),
                                    DeclaredRequestsApplication.GetMenu.class.getName())
                            .doesNotContain(DeclaredRequestsApplication.PlaceOrder.class.getName(),
                                    DeclaredRequestsApplication.MenuChange.class.getName())
                            .endsWith("are declared by the application but have no handler: register one (exactly one"
                                    + " per type)"));
        });
    }

    @Test
    void declaredRequestTypesWithHandlerBeansStart() {
        contextRunner.withUserConfiguration(DeclaredRequestsApplication.class,
                MissingHandlers.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Mediator.class).send(new DeclaredRequestsApplication.GetMenu()))
                            .isEqualTo("menu");
                });
    }

    @Test
    void declaredRequestTypesAreNotCheckedWhenThePropertySaysSo() {
        contextRunner.withUserConfiguration(DeclaredRequestsApplication.class)
                .withPropertyValues("myelin.mediator.check-declared-requests=false")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void unresolvableHandlerFailsStartupNamingTheBean() {
        contextRunner.withUserConfiguration(RawHandler.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(MediatorConfigurationException.class)
                    .hasMessageContaining("request type of bean 'rawHandler'");
        });
    }

    @Test
    void builtInBehaviorsAreBeans() {
        contextRunner.withUserConfiguration(LambdaBeans.class)
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LoggingBehavior.class)
                        .hasSingleBean(CachingBehavior.class).hasSingleBean(ValidationBehavior.class)
                        .hasSingleBean(ObservationBehavior.class).doesNotHaveBean(TransactionBehavior.class));
    }

    @Test
    void timerModeRegistersTheTimerBehaviorInsteadOfTheObservation() {
        contextRunner.withUserConfiguration(LambdaBeans.class)
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("myelin.behaviors.metrics.mode=timer")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TimerBehavior.class)
                        .doesNotHaveBean(ObservationBehavior.class));
        contextRunner.withUserConfiguration(LambdaBeans.class)
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ObservationBehavior.class)
                        .doesNotHaveBean(TimerBehavior.class));
    }

    @Test
    void propertyDisablesBehavior() {
        contextRunner.withUserConfiguration(LambdaBeans.class)
                .withPropertyValues("myelin.behaviors.logging.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LoggingBehavior.class));
    }

    @Test
    void userBehaviorBeanBacksOff() {
        LoggingBehavior own = LoggingBehavior.ofDefaults();
        contextRunner.withUserConfiguration(LambdaBeans.class).withBean(LoggingBehavior.class, () -> own)
                .run(context -> assertThat(context.getBean(LoggingBehavior.class)).isSameAs(own));
    }

    @Test
    void withoutCaffeineThereIsNoCachingBehavior() {
        contextRunner.withUserConfiguration(LambdaBeans.class)
                .withClassLoader(new FilteredClassLoader("com.github.benmanes.caffeine"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CachingBehavior.class));
    }

    @Test
    void transactionManagerBringsSpringTransactionRunnerAndBehavior() {
        contextRunner.withUserConfiguration(TransactionManagerAndCommand.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SpringTransactionRunner.class)
                    .hasSingleBean(TransactionBehavior.class);
            NoResourceTransactionManager transactions = context.getBean(NoResourceTransactionManager.class);
            context.getBean(Mediator.class).send(new PlaceOrder("o-4"));
            context.getBean(Mediator.class).send(new GetOrder("o-5"));
            assertThat(transactions.commits).isEqualTo(1);
        });
    }

    @Test
    void withoutTransactionManagerThereIsNoTransactionBehavior() {
        contextRunner.withBean(PlaceOrderHandler.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TransactionBehavior.class));
    }

    @Test
    void mediatorIsClosedWithTheContext() {
        contextRunner.withUserConfiguration(LambdaBeans.class).run(context -> {
            Mediator mediator = context.getBean(Mediator.class);
            context.close();
            assertThat(mediator.toString()).contains("SpringMediator");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mediator.sendAsync(new GetCount()).join())
                    .isInstanceOf(RuntimeException.class);
        });
    }

    @Test
    void propertyDefaultsAreTheBehaviorsDefaults() {
        BehaviorsProperties properties = new BehaviorsProperties();
        assertThat(properties.getCaching().getDefaultTtl()).isEqualTo(CachingBehavior.DEFAULT_TTL);
        assertThat(properties.getCaching().getMaximumSize()).isEqualTo(CachingBehavior.DEFAULT_MAXIMUM_SIZE);
        assertThat(properties.getIdempotency().getRetention()).isEqualTo(IdempotencyBehavior.DEFAULT_RETENTION);
        WebProperties web = new WebProperties();
        assertThat(web.getRequestContext().getCorrelationHeader()).isEqualTo(RequestContextFilter.CORRELATION_HEADER);
        assertThat(web.getRequestContext().getTenantHeader()).as("no client-chosen tenant by default").isEmpty();
        assertThat(web.getRequestContext().getTenant()).isEmpty();
    }

    /** A transaction manager with no resource, counting commits. */
    static final class NoResourceTransactionManager extends AbstractPlatformTransactionManager {
        private static final long serialVersionUID = 1L;
        int commits;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            commits++;
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
