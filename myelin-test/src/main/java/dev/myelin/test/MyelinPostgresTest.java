package dev.myelin.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against its own fresh PostgreSQL database, with the framework schema
 * ({@code myelin}) migrated, through {@link PostgresExtension}. Test methods, constructors and
 * lifecycle methods may declare parameters of type {@link javax.sql.DataSource},
 * {@link dev.myelin.data.transaction.JdbcTransactionRunner} and
 * {@link dev.myelin.postgres.embedded.EmbeddedPostgresServer}.
 *
 * <pre>{@code
 * @MyelinPostgresTest
 * class OrderRepositoryTest {
 *     @Test
 *     void savesAnOrder(DataSource dataSource, JdbcTransactionRunner transactions) { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PostgresExtension.class)
public @interface MyelinPostgresTest {
}
