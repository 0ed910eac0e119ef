package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.spring.boot.data.PizzaDomain.OrderPizza;
import dev.myelin.spring.boot.data.PizzaDomain.PizzaOrdered;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link InlineWrites} over the embedded PostgreSQL: the statements that inline projections add while
 * one append is applied reach the database in one prepared statement (one round trip), in the order
 * added, before the command commits; a projection that flushes reads what was held before; a failing
 * held statement fails the command and nothing of it is stored; outside the after-append step a
 * statement runs at once.
 */
class InlineWritesTest {

    /** Every SQL text prepared on the application's connections by the test's thread, in order. */
    static final List<String> PREPARED = new CopyOnWriteArrayList<>();
    static volatile Thread recorded;

    @TempDir
    Path dataDirectory;

    /** Adds one row per ordered pizza, a second when the name is "twice" (a primary key violation). */
    @InlineProjection
    static final class FirstProjection implements Projection {
        private final InlineWrites writes;

        FirstProjection(InlineWrites writes) {
            this.writes = writes;
        }

        @Override
        public void apply(StoredEvent event) {
            if (event.event() instanceof PizzaOrdered ordered) {
                writes.sql("insert into pizza_list (id, name) values (:id, :name)")
                        .param("id", "first-" + ordered.pizzaId()).param("name", ordered.name()).add();
                if (ordered.name().equals("twice")) {
                    writes.sql("insert into pizza_list (id, name) values (:id, :name)")
                            .param("id", "first-" + ordered.pizzaId()).param("name", ordered.name()).add();
                }
            }
        }
    }

    /** Adds a row, then flushes and reads the first projection's row (null name when it is not there). */
    @InlineProjection
    static final class SecondProjection implements Projection {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final InlineWrites writes;
        private final JdbcTemplate jdbc;

        SecondProjection(InlineWrites writes, JdbcTemplate jdbc) {
            this.writes = writes;
            this.jdbc = jdbc;
        }

        @Override
        public void apply(StoredEvent event) {
            if (event.event() instanceof PizzaOrdered ordered) {
                writes.sql("insert into pizza_count (name, count) values (:name, 1) "
                        + "on conflict (name) do update set count = pizza_count.count + 1")
                        .param("name", "second-" + ordered.name()).add();
                if (ordered.name().equals("flush")) {
                    writes.flush();
                    seen.addAll(jdbc.queryForList("select name from pizza_list where id = ?", String.class,
                            "first-" + ordered.pizzaId()));
                }
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithInlineWriters {
        @Bean
        FirstProjection firstProjection(InlineWrites writes) {
            return new FirstProjection(writes);
        }

        @Bean
        SecondProjection secondProjection(InlineWrites writes, JdbcTemplate jdbc) {
            return new SecondProjection(writes, jdbc);
        }

        /** Records the SQL of every statement prepared on the application's connections. */
        @Bean
        static BeanPostProcessor recordingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof DataSource dataSource) || bean instanceof Proxy) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                            recording(dataSource, true));
                }
            };
        }

        private static InvocationHandler recording(Object target, boolean dataSource) {
            return (proxy, method, arguments) -> {
                Object result;
                try {
                    result = method.invoke(target, arguments);
                } catch (InvocationTargetException failure) {
                    throw failure.getCause();
                }
                if (dataSource && result instanceof Connection connection) {
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            recording(connection, false));
                }
                if (!dataSource && method.getName().equals("prepareStatement") && Thread.currentThread() == recorded) {
                    PREPARED.add((String) arguments[0]);
                }
                return result;
            };
        }
    }

    private ApplicationContextRunner runner() {
        return PizzaDomain.runner(dataDirectory).withUserConfiguration(WithInlineWriters.class);
    }

    @Test
    void theWritesOfOneAppendGoInOnePreparedStatementAfterTheLastInlineProjectionAndCommitWithTheCommand() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            Mediator mediator = context.getBean(Mediator.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            PREPARED.clear();
            recorded = Thread.currentThread();

            OperationResult<String> result = mediator.send(new OrderPizza("p1", "margherita"));

            assertThat(result.isSuccess()).as(result.toString()).isTrue();
            List<String> writes = PREPARED.stream().filter(sql -> sql.contains("pizza_list") || sql.contains("pizza_count"))
                    .toList();
            assertThat(writes).as("one prepared statement for the inline writes, the JdbcClient projection's before it")
                    .hasSize(2);
            assertThat(writes.get(1)).as("the held statements, in the order added")
                    .isEqualTo("insert into pizza_list (id, name) values (?, ?);\n"
                            + "insert into pizza_count (name, count) values (?, 1) "
                            + "on conflict (name) do update set count = pizza_count.count + 1");
            assertThat(jdbc.queryForObject("select name from pizza_list where id = 'first-p1'", String.class))
                    .isEqualTo("margherita");
            assertThat(jdbc.queryForObject("select count from pizza_count where name = 'second-margherita'", Integer.class))
                    .isEqualTo(1);
        });
    }

    @Test
    void aProjectionThatFlushesReadsWhatWasHeldBeforeIt() {
        runner().run(context -> {
            context.getBean(Mediator.class).send(new OrderPizza("p2", "flush"));

            assertThat(context.getBean(SecondProjection.class).seen).containsExactly("flush");
        });
    }

    @Test
    void aFailingHeldStatementFailsTheCommandAndNothingOfItIsStored() {
        runner().run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            OperationResult<String> result = context.getBean(Mediator.class).send(new OrderPizza("p3", "twice"));

            assertThat(result.isSuccess()).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from pizza_list", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from pizza_count", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from myelin.events", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from myelin.documents", Long.class)).isZero();
        });
    }

    @Test
    void outsideTheAfterAppendStepAStatementRunsAtOnceInTheCallersTransaction() {
        runner().run(context -> {
            InlineWrites writes = context.getBean(InlineWrites.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate transaction = new TransactionTemplate(
                    context.getBean(org.springframework.transaction.PlatformTransactionManager.class));

            Long inTransaction = transaction.execute(status -> {
                writes.sql("insert into pizza_list (id, name) values (:id, :name)").param("id", "now").param("name", "x").add();
                Long count = jdbc.queryForObject("select count(*) from pizza_list where id = 'now'", Long.class);
                status.setRollbackOnly();
                return count;
            });

            assertThat(inTransaction).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from pizza_list where id = 'now'", Long.class)).isZero();
        });
    }
}
