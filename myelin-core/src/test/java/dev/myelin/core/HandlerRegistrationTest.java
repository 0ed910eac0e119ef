package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.spi.HandlerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registering handlers by class, per send, and with the mediator they send through. */
class HandlerRegistrationTest {

    record PlaceOrder(String customer) implements Command<String> {
    }

    record ConfirmOrder(String id) implements Command<String> {
    }

    record GetGreeting(String name) implements Query<String> {
    }

    /** Created by its no-arg constructor. */
    static final class PlaceOrderHandler implements CommandHandler<PlaceOrder, String> {
        @Override
        public String handle(PlaceOrder command) {
            return "placed for " + command.customer();
        }
    }

    /** Needs a collaborator: only a factory can create it. */
    static final class GreetingHandler implements QueryHandler<GetGreeting, String> {
        private final String greeting;

        GreetingHandler(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public String handle(GetGreeting query) {
            return greeting + ", " + query.name();
        }
    }

    /** Holds per-request state, so it must not be shared. */
    static final class CountingHandler implements CommandHandler<ConfirmOrder, String> {
        private static final AtomicInteger CREATED = new AtomicInteger();
        private final int number = CREATED.incrementAndGet();
        private int calls;

        @Override
        public String handle(ConfirmOrder command) {
            calls++;
            return "handler " + number + " call " + calls;
        }
    }

    /** Sends a follow-up request through the mediator it was given before that existed. */
    static final class ConfirmingPlaceOrderHandler implements CommandHandler<PlaceOrder, String> {
        private final Sender sender;

        ConfirmingPlaceOrderHandler(Sender sender) {
            this.sender = sender;
        }

        @Override
        public String handle(PlaceOrder command) {
            return "placed, then " + sender.send(new ConfirmOrder(command.customer()));
        }
    }

    @Test
    void handlerRegisteredByClassIsCreatedOnceByItsNoArgConstructor() {
        try (Mediator mediator = Mediator.builder().handler(PlaceOrderHandler.class).build()) {
            assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("placed for ann");
        }
    }

    @Test
    void handlerRegisteredByClassIsCreatedByALambdaHandlerFactory() {
        List<Class<?>> created = new ArrayList<>();
        HandlerFactory factory = (type, constructor) -> {
            created.add(type);
            return type == GreetingHandler.class ? new GreetingHandler("Hello") : constructor.get();
        };

        try (Mediator mediator = Mediator.builder()
                .handler(GreetingHandler.class)
                .handler(PlaceOrderHandler.class)
                .handlerFactory(factory)
                .build()) {
            assertThat(mediator.send(new GetGreeting("Ada"))).isEqualTo("Hello, Ada");
            assertThat(mediator.send(new PlaceOrder("bob"))).isEqualTo("placed for bob");
            mediator.send(new GetGreeting("Eve"));
        }
        assertThat(created).containsExactly(GreetingHandler.class, PlaceOrderHandler.class);
    }

    @Test
    void handlerRegisteredByClassWithoutConstructorOrFactoryIsReported() {
        MediatorBuilder builder = Mediator.builder().handler(GreetingHandler.class);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(MediatorConfigurationException.class,
                failure -> assertThat(failure.problems()).containsExactly("Cannot create "
                        + GreetingHandler.class.getName() + ": " + GreetingHandler.class.getName()
                        + " has no accessible no-arg constructor: supply a HandlerFactory with "
                        + "MediatorBuilder.handlerFactory(...) or register an instance"));
    }

    @Test
    void factoryReturningNothingOrSomethingElseForAClassIsReported() {
        MediatorBuilder nothing = Mediator.builder().handler(PlaceOrderHandler.class)
                .handlerFactory((type, constructor) -> null);
        MediatorBuilder other = Mediator.builder().handler(PlaceOrderHandler.class)
                .handlerFactory((type, constructor) -> "not a handler");

        assertThatThrownBy(nothing::build).hasMessageContaining("The HandlerFactory returned null for "
                + PlaceOrderHandler.class.getName() + ", which is registered by class");
        assertThatThrownBy(other::build).hasMessageContaining("The HandlerFactory returned a java.lang.String for "
                + PlaceOrderHandler.class.getName() + ", which is not one");
    }

    @Test
    void perSendHandlerIsCreatedForEverySendWhileASingletonIsShared() {
        try (Mediator mediator = Mediator.builder()
                .handlerPerSend(ConfirmOrder.class, CountingHandler::new)
                .build()) {
            String first = mediator.send(new ConfirmOrder("o-1"));
            String second = mediator.send(new ConfirmOrder("o-2"));

            assertThat(first).endsWith("call 1");
            assertThat(second).endsWith("call 1").isNotEqualTo(first);
        }
        CountingHandler singleton = new CountingHandler();
        try (Mediator mediator = Mediator.builder().handler(singleton).build()) {
            mediator.send(new ConfirmOrder("o-1"));
            assertThat(mediator.send(new ConfirmOrder("o-2"))).endsWith("call 2");
        }
    }

    @Test
    void perSendSupplierReturningNullFailsTheSendNamingTheRequest() {
        try (Mediator mediator = Mediator.builder().handlerPerSend(ConfirmOrder.class, () -> null).build()) {
            assertThatThrownBy(() -> mediator.send(new ConfirmOrder("o-1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("returned no handler for " + ConfirmOrder.class.getName());
        }
    }

    @Test
    void handlerCreatedBeforeTheMediatorSendsThroughTheBuildersMediator() {
        MediatorBuilder builder = Mediator.builder();
        builder.handler(new ConfirmingPlaceOrderHandler(builder.mediator()))
                .handler(ConfirmOrder.class, command -> "confirmed " + command.id());

        try (Mediator mediator = builder.build()) {
            assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("placed, then confirmed ann");
        }
    }

    @Test
    void factoryGivesTheBuildersMediatorToTheHandlersItCreates() {
        MediatorBuilder builder = Mediator.builder();
        builder.handler(ConfirmingPlaceOrderHandler.class)
                .handler(ConfirmOrder.class, command -> "confirmed " + command.id())
                .handlerFactory((type, constructor) -> new ConfirmingPlaceOrderHandler(builder.mediator()));

        try (Mediator mediator = builder.build()) {
            assertThat(mediator.send(new PlaceOrder("bob"))).isEqualTo("placed, then confirmed bob");
        }
    }

    @Test
    void buildersMediatorFailsClearlyUntilBuilt() {
        MediatorBuilder builder = Mediator.builder().handler(ConfirmOrder.class, command -> "confirmed");
        Mediator early = builder.mediator();

        assertThatThrownBy(() -> early.send(new ConfirmOrder("o-1"))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The mediator is not built yet");
        try (Mediator mediator = builder.build()) {
            assertThat(early.send(new ConfirmOrder("o-1"))).isEqualTo("confirmed");
            early.close();
            assertThat(mediator.send(new ConfirmOrder("o-2"))).as("closing the early reference closes nothing")
                    .isEqualTo("confirmed");
        }
    }
}
