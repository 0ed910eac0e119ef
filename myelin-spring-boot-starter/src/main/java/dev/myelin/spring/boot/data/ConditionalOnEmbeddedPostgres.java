package dev.myelin.spring.boot.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the starter runs the embedded PostgreSQL: {@code spring.datasource.url} is not set,
 * {@code myelin.postgres.embedded.enabled} is not {@code false}, and zonky's embedded PostgreSQL and
 * HikariCP are on the class path. Unlike {@code @ConditionalOnBean(MyelinEmbeddedPostgres.class)}, it
 * reads only the environment and the class path, so it works on the application's own configuration
 * classes, which are processed before the auto-configurations.
 *
 * <pre>{@code
 * @Bean
 * @ConditionalOnEmbeddedPostgres
 * UserDetailsService developmentUsers() { ... }
 * }</pre>
 *
 * <p>It does not see a {@code DataSource} bean the application defines itself (which also makes the
 * starter back off): such an application knows it has no embedded database.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(OnEmbeddedPostgresCondition.class)
public @interface ConditionalOnEmbeddedPostgres {
}
