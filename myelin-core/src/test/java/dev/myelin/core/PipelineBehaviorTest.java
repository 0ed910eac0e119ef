package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PipelineBehaviorTest {

    record PlaceOrder(String customer) implements Command<String> {
    }

    record CancelOrder(String id) implements Command<String> {
    }

    record GetOrder(String id) implements Query<String> {
    }

    record GetResult(String id) implements Query<OperationResult<String>> {
    }

    private final List<String> trace = new CopyOnWriteArrayList<>();

    /** Writes before/after markers around the rest of the chain. */
    class Marker<Q, R> implements PipelineBehavior<Q, R> {
        private final String name;
        private final int order;

        Marker(String name, int order) {
            this.name = name;
            this.order = order;
        }

        @Override
        public R handle(Q request, Next<Q, R> next) {
            trace.add(name + ":before");
            R result = next.invoke(request);
            trace.add(name + ":after");
            return result;
        }

        @Override
        public int order() {
            return order;
        }
    }

    class CommandMarker extends Marker<Command<?>, Object> {
        CommandMarker(String name, int order) {
            super(name, order);
        }
    }

    class QueryMarker extends Marker<Query<?>, Object> {
        QueryMarker(String name, int order) {
            super(name, order);
        }
    }

    class PlaceOrderMarker extends Marker<PlaceOrder, String> {
        PlaceOrderMarker(String name, int order) {
            super(name, order);
        }
    }

    class AnyMarker extends Marker<Request<?>, Object> {
        AnyMarker(String name, int order) {
            super(name, order);
        }
    }

    class ResultMarker extends Marker<Request<?>, OperationResult<?>> {
        ResultMarker(String name, int order) {
            super(name, order);
        }
    }


    private MediatorBuilder handlers() {
        return Mediator.builder()
                .handler(new CommandHandler<PlaceOrder, String>() {
                    @Override
                    public String handle(PlaceOrder command) {
                        trace.add("handler:" + command.customer());
                        return "placed " + command.customer();
                    }
                })
                .handler(CancelOrder.class, command -> {
                    trace.add("handler:cancel");
                    return "cancelled";
                })
                .handler(GetOrder.class, query -> {
                    trace.add("handler:get");
                    return "order " + query.id();
                })
                .handler(GetResult.class, query -> OperationResult.ok(query.id()));
    }

    @Test
    void behaviorsWrapInOrderValueThenRegistrationOrder() {
        try (Mediator mediator = handlers()
                .behavior(new CommandMarker("third", BehaviorOrder.TRANSACTION))
                .behavior(new CommandMarker("first", BehaviorOrder.AUTHORIZATION))
                .behavior(new CommandMarker("second-a", BehaviorOrder.DEFAULT))
                .behavior(new CommandMarker("second-b", BehaviorOrder.DEFAULT))
                .build()) {

            String result = mediator.send(new PlaceOrder("ann"));

            assertThat(result).isEqualTo("placed ann");
            assertThat(trace).containsExactly("first:before", "second-a:before", "second-b:before", "third:before",
                    "handler:ann", "third:after", "second-b:after", "second-a:after", "first:after");
        }
    }

    @Test
    void commandBehaviorNeverWrapsQueryAndQueryBehaviorNeverWrapsCommand() {
        try (Mediator mediator = handlers()
                .behavior(new CommandMarker("command", 1))
                .behavior(new QueryMarker("query", 2))
                .build()) {

            mediator.send(new GetOrder("7"));
            assertThat(trace).containsExactly("query:before", "handler:get", "query:after");

            trace.clear();
            mediator.send(new CancelOrder("7"));
            assertThat(trace).containsExactly("command:before", "handler:cancel", "command:after");
        }
    }

    @Test
    void behaviorForOneRequestTypeWrapsOnlyThatType() {
        try (Mediator mediator = handlers().behavior(new PlaceOrderMarker("place", 1)).build()) {
            mediator.send(new CancelOrder("1"));
            assertThat(trace).containsExactly("handler:cancel");

            trace.clear();
            mediator.send(new PlaceOrder("bob"));
            assertThat(trace).containsExactly("place:before", "handler:bob", "place:after");
        }
    }

    @Test
    void behaviorScopedByResultTypeWrapsOnlyRequestsReturningIt() {
        try (Mediator mediator = handlers().behavior(new ResultMarker("result", 1)).behavior(new AnyMarker("any", 2))
                .build()) {
            mediator.send(new GetOrder("1"));
            assertThat(trace).containsExactly("any:before", "handler:get", "any:after");

            trace.clear();
            OperationResult<String> result = mediator.send(new GetResult("9"));
            assertThat(result.data()).isEqualTo("9");
            assertThat(trace).containsExactly("result:before", "any:before", "any:after", "result:after");
        }
    }

    @Test
    void appliesToNarrowsTheScopeOncePerType() {
        List<Class<?>> asked = new CopyOnWriteArrayList<>();
        class OnlyCancel extends CommandMarker {
            OnlyCancel() {
                super("only-cancel", 1);
            }

            @Override
            public boolean appliesTo(Class<?> requestType) {
                asked.add(requestType);
                return requestType == CancelOrder.class;
            }
        }
        try (Mediator mediator = handlers().behavior(new OnlyCancel()).build()) {
            for (int i = 0; i < 3; i++) {
                mediator.send(new PlaceOrder("x"));
                mediator.send(new CancelOrder("x"));
            }
            assertThat(trace).containsExactly("handler:x", "only-cancel:before", "handler:cancel", "only-cancel:after",
                    "handler:x", "only-cancel:before", "handler:cancel", "only-cancel:after",
                    "handler:x", "only-cancel:before", "handler:cancel", "only-cancel:after");
            assertThat(asked).containsExactlyInAnyOrder(PlaceOrder.class, CancelOrder.class);
        }
    }

    @Test
    void behaviorCanShortCircuitWithoutCallingTheHandler() {
        class Refuse implements PipelineBehavior<PlaceOrder, String> {
            @Override
            public String handle(PlaceOrder request, Next<PlaceOrder, String> next) {
                trace.add("refuse");
                return "refused " + request.customer();
            }
        }
        try (Mediator mediator = handlers().behavior(new CommandMarker("outer", 1)).behavior(new Refuse())
                .behavior(new CommandMarker("inner", BehaviorOrder.CACHING)).build()) {

            String result = mediator.send(new PlaceOrder("eve"));

            assertThat(result).isEqualTo("refused eve");
            assertThat(trace).containsExactly("outer:before", "refuse", "outer:after");
        }
    }

    @Test
    void behaviorMayPassOnANormalisedRequest() {
        class Trim implements PipelineBehavior<PlaceOrder, String> {
            @Override
            public String handle(PlaceOrder request, Next<PlaceOrder, String> next) {
                return next.invoke(new PlaceOrder(request.customer().trim()));
            }
        }
        try (Mediator mediator = handlers().behavior(new Trim()).build()) {
            assertThat((String) mediator.send(new PlaceOrder("  ann  "))).isEqualTo("placed ann");
        }
    }

    @Test
    void lambdaBehaviorRegisteredWithExplicitScope() {
        PipelineBehavior<Object, Object> lambda = (request, next) -> "wrapped " + next.invoke(request);
        try (Mediator mediator = handlers().behavior(Query.class, lambda).build()) {
            assertThat((String) mediator.send(new GetOrder("3"))).isEqualTo("wrapped order 3");
            assertThat((String) mediator.send(new CancelOrder("3"))).isEqualTo("cancelled");
        }
    }

    @Test
    void lambdaBehaviorsStateTheirOrderAndRunDirectlyInTheChain() {
        PipelineBehavior<Command<?>, Object> inner = (command, next) -> {
            boolean wrapped = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    frame -> frame.getClassName().equals(dev.myelin.core.internal.OrderedBehavior.class.getName())));
            trace.add("inner:" + command.getClass().getSimpleName() + (wrapped ? " through the wrapper" : ""));
            return next.invoke(command);
        };
        PipelineBehavior<Command<?>, Object> outer = (command, next) -> {
            trace.add("outer");
            return next.invoke(command);
        };
        PipelineBehavior<Command<?>, Object> ordered = PipelineBehavior.ordered(BehaviorOrder.LOGGING, outer);
        try (Mediator mediator = Mediator.builder()
                .handler(PlaceOrder.class, command -> "placed")
                .behavior(Command.class, PipelineBehavior.ordered(BehaviorOrder.CACHING, inner))
                .behavior(new CommandMarker("marker", BehaviorOrder.DEFAULT))
                .behavior(Command.class, ordered)
                .build()) {
            assertThat(mediator.send(new PlaceOrder("ann"))).isEqualTo("placed");
            assertThat(trace).containsExactly("outer", "marker:before", "inner:PlaceOrder", "marker:after");
        }
        assertThat(ordered.order()).isEqualTo(BehaviorOrder.LOGGING);
        assertThat(PipelineBehavior.ordered(1, ordered).order()).as("re-ordering replaces the order").isEqualTo(1);
    }
}
