package dev.myelin.examples.demo;

import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.OperationResult;
import dev.myelin.core.RequestContext;
import dev.myelin.core.spi.HandlerFactory;
import java.util.List;

/**
 * A console demo of the mediator: the handlers, the event handler and the behavior of this
 * package are found through the compile-time index written by {@code myelin-processor}; the
 * handlers that need collaborators get them from a {@link HandlerFactory}, and the one that publishes
 * gets the mediator from its builder.
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
        MediatorBuilder builder = Mediator.builder();
        // The handlers get the mediator they publish through before it is built: builder.mediator().
        HandlerFactory factory = (type, constructor) -> {
            if (type == PlaceOrder.Handler.class) {
                return new PlaceOrder.Handler(orders, builder.mediator());
            }
            if (type == GetOrderStatus.Handler.class) {
                return new GetOrderStatus.Handler(orders);
            }
            return constructor.get();
        };
        return builder.handlerFactory(factory).discover(MediatorDemo.class.getClassLoader()).build();
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
