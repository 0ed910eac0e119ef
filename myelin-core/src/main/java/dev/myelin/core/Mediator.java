package dev.myelin.core;

import dev.myelin.core.internal.DefaultMediatorBuilder;

/**
 * Routes each request to exactly one handler through the pipeline behaviors that apply to its
 * type, and fans events out to their handlers. Controllers and other entry points know only this
 * type (or its roles {@link Sender} and {@link EventPublisher}).
 *
 * <pre>{@code
 * Mediator mediator = Mediator.builder()
 *         .handler(new PlaceOrderHandler(orders))
 *         .behavior(new LoggingBehavior())
 *         .eventHandler(new SendConfirmationSms(sms))
 *         .build();
 * OperationResult<OrderDto> result = mediator.send(new PlaceOrder(...));
 * }</pre>
 *
 * <p><b>Guarantees.</b> Every problem in the registrations is reported when the mediator is built,
 * in one {@link MediatorConfigurationException}: a type that cannot be resolved, a request type
 * with two handlers, a declared request type with none, a behavior that applies to nothing (see
 * {@link MediatorBuilder} for exactly what is checked). A request type is known to be declared
 * when the compile-time index lists it ({@link MediatorBuilder#discover}) or when it is named
 * with {@link MediatorBuilder#requireHandlersFor} (the Spring starter names those of the
 * application's packages); a mediator built from explicit registrations alone cannot know a
 * request type that nothing registers, so sending one fails then, with
 * {@link MissingHandlerException}. Chains are composed once per request type. A mediator is
 * thread-safe; {@link #close()} stops the executor it created (not one supplied by the caller).
 *
 * @since 0.1
 */
public interface Mediator extends Sender, EventPublisher, AutoCloseable {

    /**
     * Starts a builder with no registrations, the sequential stop-on-first-error publish
     * strategy and a default executor.
     *
     * @return a new builder
     */
    static MediatorBuilder builder() {
        return new DefaultMediatorBuilder();
    }

    /** Stops the executor this mediator created, waiting briefly for running tasks. */
    @Override
    void close();
}
