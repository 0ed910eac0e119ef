package dev.myelin.test;

import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.postgres.MyelinSchema;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that shares ONE embedded PostgreSQL 17 server per test JVM and gives each test
 * class its own new database, with the framework schema migrated before the class's first test (or
 * before its instance is created, with {@code @TestInstance(PER_CLASS)} constructor parameters). Use
 * it through {@link MyelinPostgresTest}.
 *
 * <p><b>Lifecycle.</b> The server starts on first use, kept in the root context's store, and stops
 * when the test run ends (JUnit closes it as an {@link AutoCloseable} store value). It runs with
 * {@code fsync} and {@code synchronous_commit} off, in a temporary directory: fast and throw-away;
 * durability tests start their own {@link EmbeddedPostgresServer}. Databases are not dropped: they
 * vanish with the server.
 *
 * <p><b>Isolation.</b> Test classes never share a database; test methods of one class do, so clean
 * up between them or write data that does not collide. A {@code @Nested} class shares its enclosing
 * class's database.
 *
 * <p><b>Parameters.</b> Resolves {@link DataSource} (not pooled: a new connection per
 * {@code getConnection()}), {@link JdbcTransactionRunner} (one per test class, over that data source)
 * and {@link EmbeddedPostgresServer}.
 *
 * <p>Thread-safe: test classes may run in parallel.
 *
 * @since 0.1
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Creates the extension; JUnit does, through {@link MyelinPostgresTest}. */
    public PostgresExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == JdbcTransactionRunner.class || type == EmbeddedPostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedPostgresServer.class) {
            return server(context);
        }
        Database database = database(context);
        return type == DataSource.class ? database.dataSource() : database.transactions();
    }

    /** The database of the test class that {@code context} belongs to, created on first use. */
    private static Database database(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext owner = classContext;
        return owner.getStore(NAMESPACE).computeIfAbsent(Database.class, key -> createDatabase(owner), Database.class);
    }

    private static Database createDatabase(ExtensionContext classContext) {
        EmbeddedPostgresServer server = server(classContext);
        String name = "myelin_test_" + DATABASES.incrementAndGet() + "_"
                + classContext.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        name = name.length() > 63 ? name.substring(0, 63) : name;
        server.createDatabase(name);
        DataSource dataSource = server.dataSource(name);
        MyelinSchema.DEFAULT.migrate(dataSource);
        return new Database(dataSource, new JdbcTransactionRunner(dataSource));
    }

    private static EmbeddedPostgresServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedServer.class, key -> new SharedServer(EmbeddedPostgresServer.builder()
                        .durable(false)
                        .start()), SharedServer.class)
                .server();
    }

    /** The database of one test class. */
    private record Database(DataSource dataSource, JdbcTransactionRunner transactions) {
    }

    /** The server of the test run, closed by JUnit when the root context closes. */
    private record SharedServer(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
