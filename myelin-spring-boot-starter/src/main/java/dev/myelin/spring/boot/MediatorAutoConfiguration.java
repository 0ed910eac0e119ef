package dev.myelin.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures a {@link dev.myelin.core.Mediator} bean holding every
 * {@link dev.myelin.core.RequestHandler}, {@link dev.myelin.core.EventHandler},
 * {@link dev.myelin.core.PipelineBehavior}, {@link dev.myelin.core.ExceptionHandler},
 * {@link dev.myelin.core.stream.StreamQueryHandler} and {@link dev.myelin.core.stream.StreamBehavior}
 * bean of the context.
 *
 * <pre>{@code
 * @Bean
 * QueryHandler<GetMenu, OperationResult<MenuDto>> getMenu(MenuReadModel menu) {
 *     return query -> OperationResult.ok(menu.load(query.category()));
 * }
 * }</pre>
 *
 * <p><b>Guarantees.</b> Each bean's generic types are resolved once, at startup, from its class or,
 * for lambdas and proxies, from its {@code @Bean} method's return type. The mediator is built once
 * every singleton exists, so handlers may inject the mediator. Every registry problem fails the
 * startup with one {@link dev.myelin.core.MediatorConfigurationException} naming the beans and
 * types: a type that cannot be resolved, a request type with two handler beans, a user behavior
 * that applies to nothing, and a request type declared in the application's packages (the
 * concrete classes implementing {@code Request} under its {@code @SpringBootApplication}, found by
 * one class path scan at startup) with no handler bean, unless
 * {@code myelin.mediator.check-declared-requests} is {@code false}. Request types outside those
 * packages are checked only when sent. Extend the builder with {@link MediatorBuilderCustomizer}
 * beans. Backs off when the application defines its
 * own {@code Mediator} bean. The mediator is closed when the context shuts down.
 *
 * @since 0.1
 */
@AutoConfiguration
@EnableConfigurationProperties(MediatorProperties.class)
@Import(MediatorConfiguration.class)
public final class MediatorAutoConfiguration {
}
