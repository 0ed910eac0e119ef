package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.spi.HandlerFactory;
import dev.myelin.core.spi.HandlerIndex;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediatorBuilderTest {

    record PlaceOrder(String customer) implements Command<String> {
    }

    record GetMenu() implements Query<String> {
    }

    record Unregistered() implements Command<String> {
    }

    record Ping() implements Event {
    }

    static final class FirstHandler implements CommandHandler<PlaceOrder, String> {
        @Override
        public String handle(PlaceOrder command) {
            return "first";
        }
    }

    static final class SecondHandler implements CommandHandler<PlaceOrder, String> {
        @Override
        public String handle(PlaceOrder command) {
            return "second";
        }
    }

    static final class QueryOnly implements PipelineBehavior<Query<?>, Object> {
        @Override
        public Object handle(Query<?> request, Next<Query<?>, Object> next) {
            return next.invoke(request);
        }
    }

    /** A handler whose request type is left open: nothing can resolve it. */
    static class Generic<Q extends Request<String>> implements RequestHandler<Q, String> {
        @Override
        public String handle(Q request) {
            return "generic";
        }
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheTypes() {
        RequestHandler<PlaceOrder, String> lambda = command -> "lambda";
        EventHandler<Ping> lambdaListener = event -> { };
        PipelineBehavior<Object, Object> lambdaBehavior = (request, next) -> next.invoke(request);

        MediatorBuilder builder = Mediator.builder()
                .handler(new FirstHandler())
                .handler(new SecondHandler())
                .handler(lambda)
                .handler(new Generic<>())
                .eventHandler(lambdaListener)
                .behavior(lambdaBehavior)
                .behavior(new QueryOnly());

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(MediatorConfigurationException.class, failure -> assertThat(failure.problems())
                        .containsExactlyInAnyOrder(
                                "Cannot resolve the request type of handler (a lambda) " + lambda.getClass().getName()
                                        + ": register it with handler(RequestType.class, handler)",
                                "Cannot resolve the request type of handler " + Generic.class.getName()
                                        + ": register it with handler(RequestType.class, handler)",
                                "Cannot resolve the event type of event handler (a lambda) "
                                        + lambdaListener.getClass().getName()
                                        + ": register it with eventHandler(EventType.class, handler)",
                                "Cannot resolve the scope of behavior (a lambda) " + lambdaBehavior.getClass().getName()
                                        + ": register it with behavior(ScopeType.class, behavior)",
                                "Request type " + PlaceOrder.class.getName() + " has 2 handlers: "
                                        + FirstHandler.class.getName() + ", " + SecondHandler.class.getName()
                                        + " (exactly one is allowed)",
                                "Behavior " + QueryOnly.class.getName() + " applies to no registered request type"
                                        + " (its scope is " + Query.class.getName() + " returning java.lang.Object)"))
                .hasMessageStartingWith("Mediator configuration has 6 problem(s):\n - ");
    }

    @Test
    void handlerRegisteredForANonRequestTypeIsReported() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        MediatorBuilder builder = Mediator.builder().handler((Class) String.class, request -> "x");

        assertThatThrownBy(builder::build).hasMessageContaining("is registered for java.lang.String, which is not a Request");
    }

    @Test
    void sendingARequestWithoutHandlerNamesTheTypeAndHowToRegister() {
        try (Mediator mediator = Mediator.builder().handler(new FirstHandler()).build()) {
            assertThatThrownBy(() -> mediator.send(new Unregistered()))
                    .isInstanceOfSatisfying(MissingHandlerException.class,
                            failure -> assertThat(failure.requestType()).isEqualTo(Unregistered.class))
                    .hasMessage("No handler is registered for request type " + Unregistered.class.getName()
                            + ". Register one with Mediator.builder().handler(...), or implement RequestHandler<"
                            + "Unregistered, R> and compile with myelin-processor so that "
                            + "Mediator.builder().discover(...) finds it.");
        }
    }

    @Test
    void handlerDeclaredThroughAGenericBaseClassIsResolved() {
        abstract class Base<C extends Command<String>> implements CommandHandler<C, String> {
        }
        final class Concrete extends Base<PlaceOrder> {
            @Override
            public String handle(PlaceOrder command) {
                return "via base " + command.customer();
            }
        }
        try (Mediator mediator = Mediator.builder().handler(new Concrete()).build()) {
            assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("via base ann");
        }
    }

    @Test
    void handlerOfAnInterfaceRequestTypeServesItsImplementations() {
        interface MenuChange extends Command<String> {
        }
        record AddPizza(String name) implements MenuChange {
        }
        record RemovePizza(String name) implements MenuChange {
        }
        try (Mediator mediator = Mediator.builder()
                .handler(MenuChange.class, change -> "changed by " + change.getClass().getSimpleName())
                .handler(RemovePizza.class, change -> "removed " + change.name())
                .build()) {
            assertThat(mediator.send(new AddPizza("quattro"))).isEqualTo("changed by AddPizza");
            assertThat(mediator.send(new RemovePizza("hawaii"))).isEqualTo("removed hawaii");
        }
    }

    @Test
    void emptyMediatorBuildsAndPublishingWithoutHandlersDoesNothing() {
        try (Mediator mediator = Mediator.builder().build()) {
            mediator.publish(new Ping());
            assertThat(mediator.publishAsync(new Ping())).succeedsWithin(java.time.Duration.ofSeconds(5));
        }
    }

    @Test
    void behaviorThatAppliesToAQueryTypeIsAccepted() {
        try (Mediator mediator = Mediator.builder().handler(GetMenu.class, query -> "menu").behavior(new QueryOnly())
                .build()) {
            assertThat(mediator.send(new GetMenu())).isEqualTo("menu");
        }
    }

    /** A hand-written index, as myelin-processor would write it. */
    public static final class DemoIndex implements HandlerIndex {
        @Override
        public List<Entry> entries() {
            return List.of(new Entry(Kind.REQUEST_HANDLER, Greeter.class, PlaceOrder.class, String.class, null));
        }
    }

    /** A handler that needs a collaborator, so only a factory can create it. */
    static final class Greeter implements CommandHandler<PlaceOrder, String> {
        private final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public String handle(PlaceOrder command) {
            return greeting + " " + command.customer();
        }
    }

    private static ClassLoader loaderListing(Path dir, Class<?> index) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(HandlerIndex.class.getName()), index.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, MediatorBuilderTest.class.getClassLoader());
    }

    @Test
    void discoveredTypesAreCreatedByTheFactorySetAfterDiscover(@TempDir Path dir) throws IOException {
        HandlerFactory factory = (type, constructor) -> new Greeter("hello");
        try (Mediator mediator = Mediator.builder().discover(loaderListing(dir, DemoIndex.class)).handlerFactory(factory)
                .build()) {
            assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("hello ann");
        }
    }

    @Test
    void discoveredTypeWithoutConstructorOrFactoryIsReported(@TempDir Path dir) throws IOException {
        MediatorBuilder builder = Mediator.builder().discover(loaderListing(dir, DemoIndex.class));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(MediatorConfigurationException.class,
                failure -> assertThat(failure.problems()).containsExactly("Cannot create " + Greeter.class.getName() + ": "
                        + Greeter.class.getName() + " has no accessible no-arg constructor: supply a HandlerFactory"
                        + " with MediatorBuilder.handlerFactory(...) or register an instance"));
    }

    /** An index that declares two request types and registers a handler for one of them. */
    public static final class DeclaringIndex implements HandlerIndex {
        @Override
        public List<Entry> entries() {
            return List.of(new Entry(Kind.REQUEST, PlaceOrder.class, PlaceOrder.class, Object.class, null),
                    new Entry(Kind.REQUEST, GetMenu.class, GetMenu.class, Object.class, null),
                    new Entry(Kind.REQUEST, Unregistered.class, Unregistered.class, Object.class, null),
                    new Entry(Kind.REQUEST_HANDLER, FirstHandler.class, PlaceOrder.class, String.class,
                            FirstHandler::new));
        }
    }

    @Test
    void requestTypesTheIndexDeclaresWithoutAHandlerAreNamedAllInOneException(@TempDir Path dir) throws IOException {
        MediatorBuilder builder = Mediator.builder().discover(loaderListing(dir, DeclaringIndex.class));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(MediatorConfigurationException.class,
                failure -> assertThat(failure.problems()).containsExactly("Request types " + GetMenu.class.getName()
                        + ", " + Unregistered.class.getName() + " are declared by the application but have no handler:"
                        + " register one (exactly one per type)"));
    }

    @Test
    void declaredRequestTypesAreSatisfiedByAnyRegistration(@TempDir Path dir) throws IOException {
        try (Mediator mediator = Mediator.builder().discover(loaderListing(dir, DeclaringIndex.class))
                .handler(GetMenu.class, query -> "menu")
                .handler(Unregistered.class, command -> "late")
                .build()) {
            assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("first");
            assertThat(mediator.send(new GetMenu())).isEqualTo("menu");
        }
    }

    @Test
    void requiredRequestTypeIsHandledByTheHandlerOfItsNearestSupertypeUnlessThatIsAmbiguous() {
        interface MenuChange extends Command<String> {
        }
        interface Audited extends Command<String> {
        }
        record AddPizza(String name) implements MenuChange {
        }
        record RemovePizza(String name) implements MenuChange, Audited {
        }
        MediatorBuilder builder = Mediator.builder()
                .handler(MenuChange.class, change -> "changed")
                .handler(Audited.class, change -> "audited")
                .requireHandlersFor(List.of(AddPizza.class, RemovePizza.class));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(MediatorConfigurationException.class,
                failure -> assertThat(failure.problems()).containsExactly("Request type " + RemovePizza.class.getName()
                        + " matches the handlers of " + MenuChange.class.getName() + " and " + Audited.class.getName()
                        + ": register a handler for " + RemovePizza.class.getName() + " itself"));
        try (Mediator mediator = builder.handler(RemovePizza.class, change -> "removed").build()) {
            assertThat(mediator.send(new AddPizza("quattro"))).isEqualTo("changed");
            assertThat(mediator.send(new RemovePizza("hawaii"))).isEqualTo("removed");
        }
    }

    @Test
    void requiredRequestTypesWithoutAHandlerAreNamedAllInOneLine() {
        MediatorBuilder builder = Mediator.builder().handler(new FirstHandler())
                .requireHandlersFor(List.of(PlaceOrder.class, GetMenu.class, Unregistered.class));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(MediatorConfigurationException.class,
                failure -> assertThat(failure.problems()).containsExactly("Request types " + GetMenu.class.getName()
                        + ", " + Unregistered.class.getName() + " are declared by the application but have no handler:"
                        + " register one (exactly one per type)"));
    }

    @Test
    void requiredTypeThatIsNotARequestIsReported() {
        MediatorBuilder builder = Mediator.builder().requireHandlersFor(List.of(String.class));

        assertThatThrownBy(builder::build).hasMessageContaining("Declared request type java.lang.String is not a Request");
    }

    @Test
    void duplicateLambdaHandlersAreNamedByWhereTheyWereRegistered() {
        MediatorBuilder builder = Mediator.builder()
                .handler(PlaceOrder.class, command -> "one")
                .handler(PlaceOrder.class, command -> "two");
        int line = new Throwable().getStackTrace()[0].getLineNumber();
        String site = getClass().getName() + ".duplicateLambdaHandlersAreNamedByWhereTheyWereRegistered("
                + "MediatorBuilderTest.java:";

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(MediatorConfigurationException.class,
                failure -> assertThat(failure.problems()).containsExactly("Request type " + PlaceOrder.class.getName()
                        + " has 2 handlers: a lambda registered at " + site + (line - 2) + "), a lambda registered at "
                        + site + (line - 1) + ") (exactly one is allowed)"));
    }

    @Test
    void unusedBehaviorFailsTheBuildByDefaultAndIsOnlyLoggedWhenNotStrict() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.myelin.core.Mediator");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord logRecord) {
                records.add(logRecord);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            assertThatThrownBy(() -> Mediator.builder().handler(new FirstHandler()).behavior(new QueryOnly()).build())
                    .hasMessageContaining("Behavior " + QueryOnly.class.getName() + " applies to no registered request");

            try (Mediator mediator = Mediator.builder().handler(new FirstHandler()).behavior(new QueryOnly())
                    .strictBehaviors(false).build()) {
                assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("first");
            }
            assertThat(records).singleElement().satisfies(logged -> {
                assertThat(logged.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(logged.getMessage()).contains("Behavior " + QueryOnly.class.getName()
                        + " applies to no registered request type");
            });
        } finally {
            logger.removeHandler(capture);
        }
    }
}
