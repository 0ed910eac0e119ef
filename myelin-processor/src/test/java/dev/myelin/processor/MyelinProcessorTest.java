package dev.myelin.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Event;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorConfigurationException;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Request;
import dev.myelin.core.spi.HandlerFactory;
import dev.myelin.core.spi.HandlerIndex;
import dev.myelin.core.stream.StreamQuery;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MyelinProcessorTest {

    private static final String SERVICES_FILE = "META-INF/services/dev.myelin.core.spi.HandlerIndex";

    private static final String PLACE_ORDER = """
            package app.orders;
            import dev.myelin.core.Command;
            public record PlaceOrder(String item) implements Command<String> {
            }
            """;

    private static final String LOGGED_COMMAND_HANDLER = """
            package app.orders;
            import dev.myelin.core.Command;
            import dev.myelin.core.CommandHandler;
            public abstract class LoggedCommandHandler<C extends Command<R>, R> implements CommandHandler<C, R> {
                @Override
                public final R handle(C command) {
                    return execute(command);
                }
                protected abstract R execute(C command);
            }
            """;

    private static final String PLACE_ORDER_HANDLER = """
            package app.orders;
            public final class PlaceOrderHandler extends LoggedCommandHandler<PlaceOrder, String> {
                @Override
                protected String execute(PlaceOrder command) {
                    return "placed " + command.item();
                }
            }
            """;

    private static final String GET_ORDER_COUNT = """
            package app.orders;
            import dev.myelin.core.Query;
            import dev.myelin.core.QueryHandler;
            public record GetOrderCount() implements Query<Integer> {
            }
            final class GetOrderCountHandler implements QueryHandler<GetOrderCount, Integer> {
                @Override
                public Integer handle(GetOrderCount query) {
                    return 2;
                }
            }
            """;

    private static final String GET_ORDER = """
            package app.orders;
            import dev.myelin.core.OperationResult;
            import dev.myelin.core.Query;
            import dev.myelin.core.RequestHandler;
            public record GetOrder(String id) implements Query<OperationResult<String>> {
            }
            final class GetOrderHandler implements RequestHandler<GetOrder, OperationResult<String>> {
                @Override
                public OperationResult<String> handle(GetOrder query) {
                    throw new OrderMissingException(query.id());
                }
            }
            """;

    private static final String ORDER_MISSING = """
            package app.orders;
            import dev.myelin.core.ExceptionHandler;
            import dev.myelin.core.OperationResult;
            import dev.myelin.core.Request;
            public final class OrderMissingException extends RuntimeException {
                private static final long serialVersionUID = 1L;
                OrderMissingException(String id) {
                    super(id);
                }
            }
            final class OrderMissingToNotFound implements ExceptionHandler<OrderMissingException> {
                @Override
                public OperationResult<?> handle(OrderMissingException exception, Request<?> request) {
                    return OperationResult.notFound("Order", exception.getMessage());
                }
            }
            """;

    private static final String ORDER_EVENTS = """
            package app.orders;
            import dev.myelin.core.Event;
            import dev.myelin.core.EventHandler;
            import java.util.List;
            public interface OrderEvent extends Event {
                List<String> notified();
            }
            record OrderPlaced(String item, List<String> notified) implements OrderEvent {
            }
            final class WhenOrderEventThenNotify implements EventHandler<OrderEvent> {
                @Override
                public void handle(OrderEvent event) {
                    event.notified().add("notified of " + event);
                }
            }
            """;

    private static final String AUDIT_BEHAVIOR = """
            package app.orders;
            import dev.myelin.core.Command;
            import dev.myelin.core.Next;
            import dev.myelin.core.PipelineBehavior;
            public final class AuditBehavior implements PipelineBehavior<Command<?>, Object> {
                @Override
                public Object handle(Command<?> command, Next<Command<?>, Object> next) {
                    return "audited(" + next.invoke(command) + ")";
                }
            }
            """;

    private static final String LIST_ORDERS = """
            package app.orders;
            import dev.myelin.core.Next;
            import dev.myelin.core.stream.StreamBehavior;
            import dev.myelin.core.stream.StreamQuery;
            import dev.myelin.core.stream.StreamQueryHandler;
            import java.util.stream.Stream;
            public record ListOrders() implements StreamQuery<String> {
            }
            final class ListOrdersHandler implements StreamQueryHandler<ListOrders, String> {
                @Override
                public Stream<String> handle(ListOrders query) {
                    return Stream.of("margherita", "funghi");
                }
            }
            final class UppercaseBehavior implements StreamBehavior<ListOrders, String> {
                @Override
                public Stream<String> handle(ListOrders query, Next<ListOrders, Stream<String>> next) {
                    return next.invoke(query).map(String::toUpperCase);
                }
            }
            """;

    private static final String PREPARE_DISH = """
            package app.kitchen;
            import dev.myelin.core.Command;
            import dev.myelin.core.CommandHandler;
            public record PrepareDish(String dish) implements Command<String> {
            }
            final class PrepareDishHandler implements CommandHandler<PrepareDish, String> {
                @Override
                public String handle(PrepareDish command) {
                    return "preparing " + command.dish();
                }
            }
            """;

    private static final String KITCHEN = """
            package app.kitchen;
            import dev.myelin.core.Command;
            import dev.myelin.core.CommandHandler;
            public final class Kitchen {
                public record CleanUp() implements Command<String> {
                }
                static final class CleanUpHandler implements CommandHandler<CleanUp, String> {
                    @Override
                    public String handle(CleanUp command) {
                        return "cleaned";
                    }
                }
            }
            """;

    private static final String PING = """
            package app.events;
            import dev.myelin.core.Event;
            public record Ping() implements Event {
            }
            """;

    @TempDir
    Path directory;

    @Test
    void everyKindOfHandlerIsIndexedAndTheRealMediatorRoutesThroughTheDiscoveredOnes() throws Exception {
        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(
                PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER, GET_ORDER_COUNT, GET_ORDER, ORDER_MISSING,
                ORDER_EVENTS, AUDIT_BEHAVIOR, LIST_ORDERS, PREPARE_DISH, KITCHEN);

        assertThat(compilation.diagnostics()).isEmpty();
        assertThat(compilation.read(SERVICES_FILE)).isEqualTo("app.orders.MyelinIndex\napp.kitchen.MyelinIndex\n");
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(describe(loader, "app.orders.MyelinIndex")).containsExactly(
                    "REQUEST app.orders.PlaceOrder app.orders.PlaceOrder java.lang.Object null",
                    "REQUEST_HANDLER app.orders.PlaceOrderHandler app.orders.PlaceOrder java.lang.String new",
                    "REQUEST app.orders.GetOrderCount app.orders.GetOrderCount java.lang.Object null",
                    "REQUEST_HANDLER app.orders.GetOrderCountHandler app.orders.GetOrderCount java.lang.Integer new",
                    "REQUEST app.orders.GetOrder app.orders.GetOrder java.lang.Object null",
                    "REQUEST_HANDLER app.orders.GetOrderHandler app.orders.GetOrder dev.myelin.core.OperationResult new",
                    "EXCEPTION_HANDLER app.orders.OrderMissingToNotFound app.orders.OrderMissingException "
                            + "java.lang.Object new",
                    "EVENT_HANDLER app.orders.WhenOrderEventThenNotify app.orders.OrderEvent java.lang.Object new",
                    "BEHAVIOR app.orders.AuditBehavior dev.myelin.core.Command java.lang.Object new",
                    "STREAM_HANDLER app.orders.ListOrdersHandler app.orders.ListOrders java.lang.Object new",
                    "STREAM_BEHAVIOR app.orders.UppercaseBehavior app.orders.ListOrders java.lang.Object new");
            assertThat(describe(loader, "app.kitchen.MyelinIndex")).containsExactly(
                    "REQUEST app.kitchen.PrepareDish app.kitchen.PrepareDish java.lang.Object null",
                    "REQUEST_HANDLER app.kitchen.PrepareDishHandler app.kitchen.PrepareDish java.lang.String new",
                    "REQUEST app.kitchen.Kitchen$CleanUp app.kitchen.Kitchen$CleanUp java.lang.Object null",
                    "REQUEST_HANDLER app.kitchen.Kitchen$CleanUpHandler app.kitchen.Kitchen$CleanUp java.lang.String new");

            try (Mediator mediator = Mediator.builder().discover(loader).build()) {
                assertThat(send(mediator, loader, "app.orders.PlaceOrder", "pizza")).isEqualTo("audited(placed pizza)");
                assertThat(send(mediator, loader, "app.orders.GetOrderCount")).isEqualTo(2);
                assertThat(send(mediator, loader, "app.orders.GetOrder", "42"))
                        .isInstanceOfSatisfying(OperationResult.class, result -> assertThat(result.status()).isEqualTo(404));
                assertThat(send(mediator, loader, "app.kitchen.PrepareDish", "soup")).isEqualTo("audited(preparing soup)");
                assertThat(send(mediator, loader, "app.kitchen.Kitchen$CleanUp")).isEqualTo("audited(cleaned)");
                List<Object> orders = List.copyOf(mediator.stream((StreamQuery<?>) create(loader, "app.orders.ListOrders"))
                        .toList());
                assertThat(orders).containsExactly("MARGHERITA", "FUNGHI");
                List<String> notified = new ArrayList<>();
                mediator.publish((Event) create(loader, "app.orders.OrderPlaced", "pizza", notified));
                assertThat(notified).containsExactly("notified of OrderPlaced[item=pizza, notified=[]]");
            }
        }
    }

    @Test
    void generatedIndexUsesCanonicalNamesAndConstructorReferences() {
        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(KITCHEN);

        assertThat(compilation.generatedFiles()).containsExactly("app/kitchen/MyelinIndex.java");
        assertThat(compilation.generatedSource("app/kitchen/MyelinIndex.java"))
                .contains("package app.kitchen;")
                .contains("@javax.annotation.processing.Generated(\"dev.myelin.processor.MyelinProcessor\")")
                .contains("public final class MyelinIndex implements dev.myelin.core.spi.HandlerIndex {")
                .contains("public MyelinIndex() {")
                .contains("new dev.myelin.core.spi.HandlerIndex.Entry(dev.myelin.core.spi.HandlerIndex.Kind.REQUEST_HANDLER,")
                .contains("app.kitchen.Kitchen.CleanUpHandler.class, app.kitchen.Kitchen.CleanUp.class, "
                        + "java.lang.String.class,")
                .contains("app.kitchen.Kitchen.CleanUpHandler::new)");
    }

    @Test
    void duplicateRequestHandlersFailCompilationNamingBoth() {
        String rushOrderHandler = """
                package app.orders;
                public final class RushOrderHandler extends LoggedCommandHandler<PlaceOrder, String> {
                    @Override
                    protected String execute(PlaceOrder command) {
                        return "rushed";
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER, rushOrderHandler);

        assertThat(compilation.success()).isFalse();
        assertThat(compilation.errorsWithSource()).containsExactly("RushOrderHandler.java: Request type "
                + "app.orders.PlaceOrder has two handlers: app.orders.PlaceOrderHandler and app.orders.RushOrderHandler");
    }

    @Test
    void duplicateStreamHandlersFailCompilationNamingBoth() {
        String archiveHandler = """
                package app.orders;
                import dev.myelin.core.stream.StreamQueryHandler;
                import java.util.stream.Stream;
                public final class ArchivedOrdersHandler implements StreamQueryHandler<ListOrders, String> {
                    @Override
                    public Stream<String> handle(ListOrders query) {
                        return Stream.empty();
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .compile(LIST_ORDERS, archiveHandler);

        assertThat(compilation.errorsWithSource()).containsExactly("ArchivedOrdersHandler.java: Stream query type "
                + "app.orders.ListOrders has two handlers: app.orders.ListOrdersHandler and app.orders.ArchivedOrdersHandler");
    }

    @Test
    void handlerWithoutNoArgConstructorIsDiscoveredOnlyThroughAHandlerFactory() throws Exception {
        String greet = """
                package app.greeting;
                import dev.myelin.core.Query;
                import dev.myelin.core.QueryHandler;
                public record Greet(String name) implements Query<String> {
                }
                """;
        String greetHandler = """
                package app.greeting;
                import dev.myelin.core.QueryHandler;
                public final class GreetHandler implements QueryHandler<Greet, String> {
                    private final String greeting;
                    public GreetHandler(String greeting) {
                        this.greeting = greeting;
                    }
                    @Override
                    public String handle(Greet query) {
                        return greeting + ", " + query.name();
                    }
                }
                """;
        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .compile(greet, greetHandler);
        HandlerFactory greetings = (type, constructor) -> {
            try {
                return type.getConstructor(String.class).newInstance("Hello");
            } catch (ReflectiveOperationException failure) {
                throw new IllegalStateException(failure);
            }
        };

        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(describe(loader, "app.greeting.MyelinIndex")).containsExactly(
                    "REQUEST app.greeting.Greet app.greeting.Greet java.lang.Object null",
                    "REQUEST_HANDLER app.greeting.GreetHandler app.greeting.Greet java.lang.String null");
            assertThatThrownBy(() -> Mediator.builder().discover(loader).build())
                    .isInstanceOfSatisfying(MediatorConfigurationException.class, failure ->
                            assertThat(failure.problems()).singleElement().asString()
                                    .startsWith("Cannot create app.greeting.GreetHandler: "));
            try (Mediator mediator = Mediator.builder().handlerFactory(greetings).discover(loader).build()) {
                assertThat(send(mediator, loader, "app.greeting.Greet", "Ada")).isEqualTo("Hello, Ada");
            }
        }
    }

    @Test
    void constructorIsIndexedOnlyWhenTheIndexCanCallIt() throws Exception {
        String handlers = """
                package app.events;
                import dev.myelin.core.EventHandler;
                public final class Handlers {
                    static final class Implicit implements EventHandler<Ping> {
                        public void handle(Ping event) {
                        }
                    }
                    static final class PackagePrivate implements EventHandler<Ping> {
                        PackagePrivate() {
                        }
                        public void handle(Ping event) {
                        }
                    }
                    static class Protected implements EventHandler<Ping> {
                        protected Protected() {
                        }
                        public void handle(Ping event) {
                        }
                    }
                    static final class Private implements EventHandler<Ping> {
                        private Private() {
                        }
                        public void handle(Ping event) {
                        }
                    }
                    static final class WithArgument implements EventHandler<Ping> {
                        WithArgument(String name) {
                        }
                        public void handle(Ping event) {
                        }
                    }
                    static final class Checked implements EventHandler<Ping> {
                        Checked() throws java.io.IOException {
                        }
                        public void handle(Ping event) {
                        }
                    }
                    static final class Unchecked implements EventHandler<Ping> {
                        Unchecked() throws IllegalStateException {
                        }
                        public void handle(Ping event) {
                        }
                    }
                    enum Singleton implements EventHandler<Ping> {
                        INSTANCE;
                        public void handle(Ping event) {
                        }
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(PING, handlers);

        assertThat(compilation.diagnostics()).isEmpty();
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(entries(loader, "app.events.MyelinIndex"))
                    .extracting(entry -> entry.type().getSimpleName() + (entry.constructor() == null ? " null" : " new"))
                    .containsExactly("Implicit new", "PackagePrivate new", "Protected new", "Private null",
                            "WithArgument null", "Checked null", "Unchecked new", "Singleton null");
        }
    }

    @Test
    void privateAndInnerClassesAreSkippedWithANote() throws Exception {
        String outer = """
                package app.events;
                import dev.myelin.core.EventHandler;
                public final class Outer {
                    private static final class Hidden implements EventHandler<Ping> {
                        public void handle(Ping event) {
                        }
                    }
                    private static final class Box {
                        static final class Deep implements EventHandler<Ping> {
                            public void handle(Ping event) {
                            }
                        }
                    }
                    final class Inner implements EventHandler<Ping> {
                        public void handle(Ping event) {
                        }
                    }
                    static final class Visible implements EventHandler<Ping> {
                        public void handle(Ping event) {
                        }
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(PING, outer);

        assertThat(compilation.success()).isTrue();
        assertThat(compilation.messages(javax.tools.Diagnostic.Kind.NOTE)).containsExactly(
                "Myelin does not index app.events.Outer.Hidden: the class is private; register an instance with the "
                        + "MediatorBuilder instead",
                "Myelin does not index app.events.Outer.Box.Deep: it is nested in the private class app.events.Outer.Box; "
                        + "register an instance with the MediatorBuilder instead",
                "Myelin does not index app.events.Outer.Inner: an inner class needs an enclosing instance; register an "
                        + "instance with the MediatorBuilder instead");
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(describe(loader, "app.events.MyelinIndex"))
                    .containsExactly("EVENT_HANDLER app.events.Outer$Visible app.events.Ping java.lang.Object new");
        }
    }

    @Test
    void typeVariablesOfEventHandlersAndBehaviorsStandForTheirBounds() throws Exception {
        String generic = """
                package app.generic;
                import dev.myelin.core.Event;
                import dev.myelin.core.EventHandler;
                import dev.myelin.core.ExceptionHandler;
                import dev.myelin.core.Next;
                import dev.myelin.core.OperationResult;
                import dev.myelin.core.PipelineBehavior;
                import dev.myelin.core.Request;
                public final class LogEvents<E extends Event> implements EventHandler<E> {
                    public void handle(E event) {
                    }
                }
                final class TimingBehavior<Q extends Request<R>, R extends CharSequence> implements PipelineBehavior<Q, R> {
                    public R handle(Q request, Next<Q, R> next) {
                        return next.invoke(request);
                    }
                }
                final class MapAll<X extends Exception> implements ExceptionHandler<X> {
                    public OperationResult<?> handle(X exception, Request<?> request) {
                        return OperationResult.internalServerError("failed");
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(generic);

        assertThat(compilation.diagnostics()).isEmpty();
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(describe(loader, "app.generic.MyelinIndex")).containsExactly(
                    "EVENT_HANDLER app.generic.LogEvents dev.myelin.core.Event java.lang.Object new",
                    "BEHAVIOR app.generic.TimingBehavior dev.myelin.core.Request java.lang.CharSequence new",
                    "EXCEPTION_HANDLER app.generic.MapAll java.lang.Exception java.lang.Object new");
        }
    }

    @Test
    void handlersInTheUnnamedPackageAreIndexedThere() throws Exception {
        String ping = """
                import dev.myelin.core.Query;
                import dev.myelin.core.QueryHandler;
                public record GetPing() implements Query<String> {
                }
                final class GetPingHandler implements QueryHandler<GetPing, String> {
                    @Override
                    public String handle(GetPing query) {
                        return "pong";
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(ping);

        assertThat(compilation.diagnostics()).isEmpty();
        assertThat(compilation.read(SERVICES_FILE)).isEqualTo("MyelinIndex\n");
        try (URLClassLoader loader = compilation.classLoader();
                Mediator mediator = Mediator.builder().discover(loader).build()) {
            assertThat(send(mediator, loader, "GetPing")).isEqualTo("pong");
        }
    }

    @Test
    void requestTypeThatIsATypeVariableFailsCompilationNamingTheHandler() {
        String echoHandler = """
                package app.orders;
                import dev.myelin.core.Command;
                import dev.myelin.core.CommandHandler;
                public class EchoHandler<C extends Command<String>> implements CommandHandler<C, String> {
                    @Override
                    public String handle(C command) {
                        return command.toString();
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(echoHandler);

        assertThat(compilation.errorsWithSource()).containsExactly("EchoHandler.java: Cannot resolve the request type "
                + "of handler app.orders.EchoHandler: give the type argument a concrete type");
        assertThat(compilation.generatedFiles()).isEmpty();
    }

    @Test
    void messageTypeTheIndexCannotNameFailsCompilation() {
        String vault = """
                package app.vault;
                import dev.myelin.core.Query;
                import dev.myelin.core.QueryHandler;
                public final class Vault {
                    private record GetSecret() implements Query<String> {
                    }
                    static final class GetSecretHandler implements QueryHandler<GetSecret, String> {
                        @Override
                        public String handle(GetSecret query) {
                            return "secret";
                        }
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(vault);

        assertThat(compilation.errors()).containsExactly("Cannot index app.vault.Vault.GetSecretHandler: "
                + "app.vault.Vault.GetSecret is not accessible from package app.vault, where the index is generated");
    }

    @Test
    void requestTypesAreIndexedSoThatDiscoveryNamesEveryOneWithoutAHandler() throws Exception {
        String menu = """
                package app.menu;
                import dev.myelin.core.Command;
                import dev.myelin.core.Query;
                public record GetMenu() implements Query<String> {
                }
                record RemovePizza(String name) implements Command<String> {
                }
                interface MenuChange extends Command<String> {
                }
                abstract class AbstractChange implements MenuChange {
                }
                final class Menu {
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER, menu);

        assertThat(compilation.diagnostics()).isEmpty();
        assertThat(compilation.read(SERVICES_FILE)).isEqualTo("app.orders.MyelinIndex\napp.menu.MyelinIndex\n");
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(describe(loader, "app.menu.MyelinIndex")).as("interfaces and abstract classes are not declared")
                    .containsExactly("REQUEST app.menu.GetMenu app.menu.GetMenu java.lang.Object null",
                            "REQUEST app.menu.RemovePizza app.menu.RemovePizza java.lang.Object null");
            assertThatThrownBy(() -> Mediator.builder().discover(loader).build())
                    .isInstanceOfSatisfying(MediatorConfigurationException.class, failure ->
                            assertThat(failure.problems()).containsExactly("Request types app.menu.GetMenu, "
                                    + "app.menu.RemovePizza are declared by the application but have no handler: "
                                    + "register one (exactly one per type)"));
        }
    }

    @Test
    void privateRequestTypeIsLeftOutWithANote() {
        String vault = """
                package app.vault;
                import dev.myelin.core.Query;
                public final class Vault {
                    private record GetSecret() implements Query<String> {
                    }
                    private static final class Box {
                        record Open() implements Query<String> {
                        }
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(vault);

        assertThat(compilation.success()).isTrue();
        assertThat(compilation.messages(javax.tools.Diagnostic.Kind.NOTE)).containsExactly(
                "Myelin cannot check that request type app.vault.Vault.GetSecret has a handler: the class is private",
                "Myelin cannot check that request type app.vault.Vault.Box.Open has a handler: it is nested in the "
                        + "private class app.vault.Vault.Box");
        assertThat(compilation.generatedFiles()).isEmpty();
    }

    @Test
    void compilationWithoutMyelinTypesWritesNoIndexAndNoServicesFile() {
        String menu = """
                package app.menu;
                public record Menu(String name) {
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes")).compile(menu);

        assertThat(compilation.diagnostics()).isEmpty();
        assertThat(compilation.generatedFiles()).isEmpty();
        assertThat(compilation.outputFiles()).containsExactly("app/menu/Menu.class");
    }

    @Test
    void compilationWithoutMyelinOnTheClassPathWritesNothing() {
        String plain = """
                package app.plain;
                public final class RequestHandler implements Runnable {
                    public void run() {
                    }
                }
                """;

        assertThat(System.getProperty("java.class.path")).as("the class path the test removes the core from")
                .contains("myelin-core");

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .withoutClassPathEntries("myelin-core").compile(plain);

        assertThat(compilation.diagnostics()).isEmpty();
        assertThat(compilation.outputFiles()).containsExactly("app/plain/RequestHandler.class");
    }

    @Test
    void handlersFoundInALaterRoundGetAFurtherIndexInTheirPackage() throws Exception {
        String shipOrderHandler = """
                package app.orders;
                import dev.myelin.core.CommandHandler;
                public final class ShipOrderHandler implements CommandHandler<ShipOrder, String> {
                    @Override
                    public String handle(ShipOrder command) {
                        return "shipped";
                    }
                }
                """;
        String shipOrder = """
                package app.orders;
                import dev.myelin.core.Command;
                public record ShipOrder() implements Command<String> {
                }
                """;
        String cancelOrderHandler = """
                package app.orders;
                import dev.myelin.core.Command;
                import dev.myelin.core.CommandHandler;
                public final class CancelOrderHandler implements CommandHandler<CancelOrderHandler.CancelOrder, String> {
                    public record CancelOrder() implements Command<String> {
                    }
                    @Override
                    public String handle(CancelOrder command) {
                        return "cancelled";
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .withSourceGeneratedInFirstRound(shipOrder).withSourceGeneratedInFirstRound(cancelOrderHandler)
                .compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER, shipOrderHandler);

        assertThat(compilation.diagnostics()).isEmpty();
        assertThat(compilation.read(SERVICES_FILE)).isEqualTo("app.orders.MyelinIndex\napp.orders.MyelinIndex2\n");
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(describe(loader, "app.orders.MyelinIndex")).containsExactly(
                    "REQUEST app.orders.PlaceOrder app.orders.PlaceOrder java.lang.Object null",
                    "REQUEST_HANDLER app.orders.PlaceOrderHandler app.orders.PlaceOrder java.lang.String new");
            assertThat(describe(loader, "app.orders.MyelinIndex2")).containsExactly(
                    "REQUEST_HANDLER app.orders.ShipOrderHandler app.orders.ShipOrder java.lang.String new",
                    "REQUEST app.orders.ShipOrder app.orders.ShipOrder java.lang.Object null",
                    "REQUEST_HANDLER app.orders.CancelOrderHandler app.orders.CancelOrderHandler$CancelOrder "
                            + "java.lang.String new",
                    "REQUEST app.orders.CancelOrderHandler$CancelOrder app.orders.CancelOrderHandler$CancelOrder "
                            + "java.lang.Object null");
            try (Mediator mediator = Mediator.builder().discover(loader).build()) {
                assertThat(send(mediator, loader, "app.orders.ShipOrder")).isEqualTo("shipped");
                assertThat(send(mediator, loader, "app.orders.CancelOrderHandler$CancelOrder")).isEqualTo("cancelled");
            }
        }
    }

    @Test
    void secondHandlerFoundInALaterRoundFailsCompilationNamingBoth() {
        String generatedHandler = """
                package app.orders;
                import dev.myelin.core.CommandHandler;
                public final class GeneratedPlaceOrderHandler implements CommandHandler<PlaceOrder, String> {
                    @Override
                    public String handle(PlaceOrder command) {
                        return "generated";
                    }
                }
                """;

        SourceCompiler.Compilation compilation = SourceCompiler.into(directory.resolve("classes"))
                .withSourceGeneratedInFirstRound(generatedHandler)
                .compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER);

        assertThat(compilation.errors()).containsExactly("Request type app.orders.PlaceOrder has two handlers: "
                + "app.orders.PlaceOrderHandler and app.orders.GeneratedPlaceOrderHandler");
    }

    @Test
    void handlersCompiledAgainstMainClassesOfTheirPackageGetAnIndexThatDoesNotHideTheMainOne() throws Exception {
        Path main = directory.resolve("main");
        SourceCompiler.into(main).compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER);
        String fakeShipping = """
                package app.orders;
                import dev.myelin.core.Command;
                import dev.myelin.core.CommandHandler;
                public final class FakeShipping implements CommandHandler<FakeShipping.Ship, String> {
                    public record Ship() implements Command<String> {
                    }
                    @Override
                    public String handle(Ship command) {
                        return "faked";
                    }
                }
                """;

        SourceCompiler.Compilation tests = SourceCompiler.into(directory.resolve("test")).withClassPath(main)
                .compile(fakeShipping);

        assertThat(tests.diagnostics()).isEmpty();
        assertThat(tests.read(SERVICES_FILE)).isEqualTo("app.orders.MyelinIndex2\n");
        try (URLClassLoader loader = tests.classLoader(main);
                Mediator mediator = Mediator.builder().discover(loader).build()) {
            assertThat(send(mediator, loader, "app.orders.PlaceOrder", "pizza")).isEqualTo("placed pizza");
            assertThat(send(mediator, loader, "app.orders.FakeShipping$Ship")).isEqualTo("faked");
        }
    }

    @Test
    void recompilingIntoItsOwnOutputReplacesTheIndex() {
        Path classes = directory.resolve("classes");
        SourceCompiler.into(classes).compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER);

        SourceCompiler.Compilation again = SourceCompiler.into(classes).withClassPath(classes)
                .compile(PLACE_ORDER, LOGGED_COMMAND_HANDLER, PLACE_ORDER_HANDLER);

        assertThat(again.diagnostics()).isEmpty();
        assertThat(again.read(SERVICES_FILE)).isEqualTo("app.orders.MyelinIndex\n");
        assertThat(again.outputFiles()).doesNotContain("app/orders/MyelinIndex2.class");
    }

    private static List<HandlerIndex.Entry> entries(ClassLoader loader, String index) throws ReflectiveOperationException {
        return ((HandlerIndex) loader.loadClass(index).getConstructor().newInstance()).entries();
    }

    /** One line per entry: kind, class, message type, result type, and whether it has a constructor. */
    private static List<String> describe(ClassLoader loader, String index) throws ReflectiveOperationException {
        return entries(loader, index).stream().map(entry -> entry.kind() + " " + entry.type().getName() + " "
                + entry.messageType().getName() + " " + entry.resultType().getName() + " "
                + (entry.constructor() == null ? "null" : "new")).toList();
    }

    /** Creates a record compiled by the test, which may be package-private, through its canonical constructor. */
    private static Object create(ClassLoader loader, String type, Object... components)
            throws ReflectiveOperationException {
        try {
            Constructor<?> constructor = loader.loadClass(type).getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            return constructor.newInstance(components);
        } catch (InvocationTargetException failure) {
            throw new IllegalStateException(failure.getCause());
        }
    }

    private static Object send(Mediator mediator, ClassLoader loader, String type, Object... components)
            throws ReflectiveOperationException {
        return mediator.send((Request<?>) create(loader, type, components));
    }
}
