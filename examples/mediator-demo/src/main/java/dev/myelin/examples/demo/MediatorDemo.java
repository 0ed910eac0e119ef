package dev.myelin.examples.demo;

import dev.myelin.core.Event;
import dev.myelin.core.EventPublisher;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.RequestContext;
import dev.myelin.core.spi.HandlerFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A console demo of the mediator: the handlers, the event handler and the behavior of this
 * package are found through the compile-time index written by {@code myelin-processor}; the
 * handlers that need collaborators get them from a {@link HandlerFactory}.
 */
public final class MediatorDemo {

    private MediatorDemo() {
    }

    /**
     * Builds the mediator over the given store.
     *
     * @param orders the order store the handlers share
     * @return the mediator
     */
    static Mediator mediator(Orders orders) {
        Mediator[] self = new Mediator[1];
        HandlerFactory factory = new HandlerFactory() {
            @Override
            public <T> T create(Class<T> type, Supplier<?> constructor) {
                Object instance;
                if (type == PlaceOrder.Handler.class) {
                    instance = new PlaceOrder.Handler(orders, new EventPublisher() {
                        // The handler is created while the mediator is built: publish through it once it exists.
                        @Override
                        public void publish(Event event) {
                            self[0].publish(event);
                        }

                        @Override
                        public CompletableFuture<Void> publishAsync(Event event) {
                            return self[0].publishAsync(event);
                        }
                    });
                } else if (type == GetOrderStatus.Handler.class) {
                    instance = new GetOrderStatus.Handler(orders);
                } else {
                    instance = constructor.get();
                }
                return type.cast(instance);
            }
        };
        self[0] = Mediator.builder().handlerFactory(factory).discover(MediatorDemo.class.getClassLoader()).build();
        return self[0];
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Mediator mediator = mediator(new Orders());
                RequestContext.Scope scope = RequestContext.builder().correlationId("demo-1").build().bind()) {
            System.out.println("Placing an order for Ann:");
            OperationResult<PlaceOrder.Placed> placed = mediator.send(new PlaceOrder("Ann", List.of("margherita")));
            print(placed);

            System.out.println("Reading its status:");
            print(mediator.send(new GetOrderStatus(placed.data().orderId())));

            System.out.println("Placing an empty order:");
            print(mediator.send(new PlaceOrder("Bob", List.of())));

            System.out.println("Reading an unknown order:");
            print(mediator.send(new GetOrderStatus("no-such-order")));
        }
    }

    private static void print(OperationResult<?> result) {
        System.out.println("  -> " + result.status() + " " + result.title()
                + (result.isSuccess() ? " " + result.data() : ": " + result.detail()));
    }
}
