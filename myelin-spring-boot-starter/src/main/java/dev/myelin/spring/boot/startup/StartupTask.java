package dev.myelin.spring.boot.startup;

/**
 * Work the application must finish before it takes traffic: seed data, a cache to warm, a check of
 * an external system. Declare it as a bean.
 *
 * <pre>{@code
 * @Component
 * class MenuSeeder implements StartupTask {
 *     public void run() {
 *         mediator.send(new AddPizza(...));
 *     }
 * }
 * }</pre>
 *
 * <p><b>When.</b> Every {@code StartupTask} bean runs once, on the main thread, after the context has
 * refreshed (Flyway has migrated, the outbox dispatcher and projection daemon run, the web server
 * listens) and before Spring Boot sets readiness to {@code ACCEPTING_TRAFFIC}: the starter runs them
 * from an {@code ApplicationRunner} of the highest precedence, and Spring Boot changes readiness only
 * after all runners. Until then readiness is {@code REFUSING_TRAFFIC} (the readiness probe answers
 * 503), liveness is {@code CORRECT}, and every request but Actuator's gets a 503
 * {@code application/problem+json} response with {@code Retry-After}.
 *
 * <p><b>Order.</b> Tasks run one after another, by {@code @Order} or {@code Ordered} (unordered ones
 * last), ties in bean registration order. The starter's own wait for the asynchronous projections
 * to catch up with the log has the lowest precedence and is registered after the application's
 * beans, so it runs after the application's tasks and covers the events they appended.
 *
 * <p><b>Failure.</b> A task that throws fails the application's startup: the context closes and
 * {@code SpringApplication.run} throws.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface StartupTask {

    /**
     * Does the work.
     *
     * @throws Exception when the application cannot take traffic; startup fails
     */
    void run() throws Exception;
}
