package dev.myelin.spring.boot;

import dev.myelin.core.MediatorBuilder;

/**
 * Customizes the {@link MediatorBuilder} of the auto-configured mediator before it is built: set a
 * publish strategy or an executor, add registrations that are not beans.
 *
 * <pre>{@code
 * @Bean
 * MediatorBuilderCustomizer parallelEvents() {
 *     return builder -> builder.publishStrategy(PublishStrategy.parallel());
 * }
 * }</pre>
 *
 * <p><b>Order.</b> Customizers run in {@link org.springframework.core.Ordered} /
 * {@link org.springframework.core.annotation.Order @Order} order, lowest first. Myelin's own
 * defaults are customizers too, at order {@link #DEFAULTS_ORDER}: a customizer without an order
 * runs after them and so overrides them. Each runs once, on the thread that starts the context.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface MediatorBuilderCustomizer {

    /** Order of the customizers that apply Myelin's defaults and register the beans. */
    int DEFAULTS_ORDER = 0;

    /**
     * Customizes the builder.
     *
     * @param builder the builder of the auto-configured mediator
     */
    void customize(MediatorBuilder builder);
}
