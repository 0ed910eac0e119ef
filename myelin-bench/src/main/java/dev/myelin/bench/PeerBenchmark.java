package dev.myelin.bench;

import an.awesome.pipelinr.Pipelinr;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The same work as {@link SendBenchmark} and {@link PublishBenchmark}, done by Myelin's peers, each
 * through its documented in-process API with the cheapest fair setup:
 *
 * <ul>
 *   <li>PipelinR 0.11 {@code Pipelinr.send}, with no middleware and with three pass-through ones
 *       (compare with {@link SendBenchmark#sendNoBehavior()} and
 *       {@link SendBenchmark#sendThreeApplicableBehaviors()});
 *   <li>Spring Framework 7 {@code publishEvent}, of a preallocated {@link ApplicationEvent} to one
 *       {@link ApplicationListener}, and of a plain object to one {@code @EventListener} method
 *       (compare with {@link PublishBenchmark#publishToOneHandler()});
 *   <li>Axon 4.13 {@link SimpleCommandBus#dispatch}, fire-and-forget and with a
 *       {@link FutureCallback} to read the result, and {@link SimpleQueryBus#query} (compare with
 *       {@link SendBenchmark#sendNoBehavior()}).
 * </ul>
 *
 * <p>Messages are preallocated where the API allows it; Axon's message wrappers are created per
 * call because its API requires them. Axon's update checker is disabled in the fork (it is only
 * started by Axon's configuration API, which these benchmarks do not use, but the property makes
 * sure no network call is attempted).
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daxoniq.update-checker.disabled=true"})
public class PeerBenchmark {

    private final PlaceOrderViaPipelinr pipelinrCommand = new PlaceOrderViaPipelinr(2);
    private final OrderPlacedApplicationEvent applicationEvent = new OrderPlacedApplicationEvent("order-1");
    private final OrderPlaced payloadEvent = new OrderPlaced("order-1");
    private final PlaceOrder axonCommand = new PlaceOrder(2);
    private final GetOrderStatus axonQuery = new GetOrderStatus("order-1");

    private final OrderPlacedListener applicationListener = new OrderPlacedListener();
    private final OrderPlacedEventListener eventListener = new OrderPlacedEventListener();

    private Pipelinr pipelinrWithoutMiddlewares;
    private Pipelinr pipelinrWithMiddlewares;
    private GenericApplicationContext springWithApplicationListener;
    private AnnotationConfigApplicationContext springWithEventListener;
    private SimpleCommandBus commandBus;
    private SimpleQueryBus queryBus;
    private long axonCommandsHandled;

    /** Wires every peer and checks that each delivers to its handler. */
    @Setup(Level.Trial)
    public void setUp() {
        PlaceOrderViaPipelinrHandler pipelinrHandler = new PlaceOrderViaPipelinrHandler();
        pipelinrWithoutMiddlewares = new Pipelinr().with(() -> Stream.of(pipelinrHandler));
        pipelinrWithMiddlewares = new Pipelinr()
                .with(() -> Stream.of(pipelinrHandler))
                .with(() -> Stream.of(new PassThroughMiddleware(), new PassThroughMiddleware(), new PassThroughMiddleware()));

        springWithApplicationListener = new GenericApplicationContext();
        springWithApplicationListener.registerBean(OrderPlacedListener.class, () -> applicationListener);
        springWithApplicationListener.refresh();
        springWithEventListener = new AnnotationConfigApplicationContext();
        springWithEventListener.registerBean(OrderPlacedEventListener.class, () -> eventListener);
        springWithEventListener.refresh();

        commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(PlaceOrder.class.getName(), message -> {
            axonCommandsHandled++;
            return OrderReceipt.SHARED;
        });
        queryBus = SimpleQueryBus.builder().build();
        queryBus.subscribe(GetOrderStatus.class.getName(), OrderReceipt.class, message -> OrderReceipt.SHARED);

        check(pipelinrSendNoMiddleware() == OrderReceipt.SHARED, "PipelinR without middlewares");
        check(pipelinrSendThreeMiddlewares() == OrderReceipt.SHARED, "PipelinR with middlewares");
        check(springPublishToApplicationListener() == 1, "Spring ApplicationListener");
        check(springPublishToEventListener() == 1, "Spring @EventListener");
        check(axonDispatchCommand() == 1, "Axon dispatch");
        check(axonDispatchCommandWithFutureCallback() == OrderReceipt.SHARED, "Axon dispatch with callback");
        check(axonQuery() == OrderReceipt.SHARED, "Axon query");
    }

    /** Closes the Spring contexts. */
    @TearDown(Level.Trial)
    public void tearDown() {
        springWithApplicationListener.close();
        springWithEventListener.close();
    }

    /**
     * PipelinR {@code send} with no middleware.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt pipelinrSendNoMiddleware() {
        return pipelinrWithoutMiddlewares.send(pipelinrCommand);
    }

    /**
     * PipelinR {@code send} through three pass-through middlewares.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt pipelinrSendThreeMiddlewares() {
        return pipelinrWithMiddlewares.send(pipelinrCommand);
    }

    /**
     * Spring {@code publishEvent} of a preallocated {@link ApplicationEvent} to one
     * {@link ApplicationListener} (Spring's cheapest event path).
     *
     * @return the listener's count
     */
    @Benchmark
    public long springPublishToApplicationListener() {
        springWithApplicationListener.publishEvent(applicationEvent);
        return applicationListener.received;
    }

    /**
     * Spring {@code publishEvent} of a plain object (wrapped by Spring in a
     * {@code PayloadApplicationEvent}) to one {@code @EventListener} method.
     *
     * @return the listener's count
     */
    @Benchmark
    public long springPublishToEventListener() {
        springWithEventListener.publishEvent(payloadEvent);
        return eventListener.received;
    }

    /**
     * Axon {@code dispatch} of a command, fire-and-forget (no callback).
     *
     * @return the handler's count
     */
    @Benchmark
    public long axonDispatchCommand() {
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(axonCommand));
        return axonCommandsHandled;
    }

    /**
     * Axon {@code dispatch} of a command with a {@link FutureCallback}, reading the handler's
     * result as a caller of {@code CommandGateway.sendAndWait} would.
     *
     * @return the receipt
     */
    @Benchmark
    public Object axonDispatchCommandWithFutureCallback() {
        CommandMessage<PlaceOrder> message = GenericCommandMessage.asCommandMessage(axonCommand);
        FutureCallback<PlaceOrder, OrderReceipt> callback = new FutureCallback<>();
        commandBus.dispatch(message, callback);
        return callback.getResult().getPayload();
    }

    /**
     * Axon {@code query} for a single instance, waiting for the answer.
     *
     * @return the receipt
     */
    @Benchmark
    public OrderReceipt axonQuery() {
        return queryBus.query(new GenericQueryMessage<>(axonQuery, ResponseTypes.instanceOf(OrderReceipt.class)))
                .join()
                .getPayload();
    }

    private static void check(boolean condition, String peer) {
        if (!condition) {
            throw new IllegalStateException(peer + " did not deliver to its handler");
        }
    }

    /**
     * The PipelinR twin of {@link PlaceOrder}.
     *
     * @param quantity how many pizzas
     */
    record PlaceOrderViaPipelinr(int quantity) implements an.awesome.pipelinr.Command<OrderReceipt> {
    }

    /** Handles {@link PlaceOrderViaPipelinr} by returning the shared receipt. */
    static final class PlaceOrderViaPipelinrHandler
            implements an.awesome.pipelinr.Command.Handler<PlaceOrderViaPipelinr, OrderReceipt> {
        @Override
        public OrderReceipt handle(PlaceOrderViaPipelinr command) {
            return OrderReceipt.SHARED;
        }
    }

    /** A PipelinR middleware that passes every command through. */
    static final class PassThroughMiddleware implements an.awesome.pipelinr.Command.Middleware {
        @Override
        public <R, C extends an.awesome.pipelinr.Command<R>> R invoke(C command, Next<R> next) {
            return next.invoke();
        }
    }

    /** The Spring twin of {@link OrderPlaced}, as an {@link ApplicationEvent}. */
    static final class OrderPlacedApplicationEvent extends ApplicationEvent {
        private static final long serialVersionUID = 1L;

        OrderPlacedApplicationEvent(String orderId) {
            super(orderId);
        }
    }

    /** A Spring {@link ApplicationListener} that counts. */
    static final class OrderPlacedListener implements ApplicationListener<OrderPlacedApplicationEvent> {
        long received;

        @Override
        public void onApplicationEvent(OrderPlacedApplicationEvent event) {
            received++;
        }
    }

    /** A Spring bean with one {@code @EventListener} method that counts. */
    static class OrderPlacedEventListener {
        long received;

        @EventListener
        public void on(OrderPlaced event) {
            received++;
        }
    }
}
