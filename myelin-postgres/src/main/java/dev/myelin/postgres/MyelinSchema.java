package dev.myelin.postgres;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The framework's own PostgreSQL schema (event log, and the outbox, inbox, dead letters,
 * projections and documents of later versions), created and upgraded by Flyway from the
 * migrations in {@value #LOCATION}.
 *
 * <pre>{@code
 * MyelinSchema.DEFAULT.migrate(dataSource);                // schema "myelin"
 * MyelinSchema.named("billing_myelin").migrate(dataSource); // another schema
 * }</pre>
 *
 * <p><b>Isolation from the application's migrations.</b> Flyway runs with the framework schema as
 * its default schema and keeps its history table ({@value #HISTORY_TABLE}) inside it, so an
 * application's own Flyway history in another schema is never touched. Migration files refer to
 * the schema as {@code ${flyway:defaultSchema}}, never by a fixed name.
 *
 * <p><b>Concurrency.</b> Instances are immutable values. Several application instances may migrate
 * at the same time: Flyway serialises them with a PostgreSQL advisory lock.
 *
 * @param name the schema name: lower-case letters, digits and underscores, not starting with a digit
 * @since 0.1
 */
public record MyelinSchema(String name) {

    // Plain identifiers only: the name is put into SQL text as an identifier, never bound.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Where the migrations are, on the class path. */
    public static final String LOCATION = "classpath:db/myelin";

    /** The name of the default framework schema. */
    public static final String DEFAULT_NAME = "myelin";

    /** The name of Flyway's history table, inside the framework schema. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    /** The default framework schema, {@value #DEFAULT_NAME}. */
    public static final MyelinSchema DEFAULT = new MyelinSchema(DEFAULT_NAME);

    /** Validates the name. */
    public MyelinSchema {
        Objects.requireNonNull(name, "name");
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("A schema name is lower-case letters, digits and underscores, not starting "
                    + "with a digit, at most 63 characters; was '" + name + "'");
        }
    }

    /**
     * Returns the framework schema of this name.
     *
     * @param name the schema name
     * @return the schema
     */
    public static MyelinSchema named(String name) {
        return new MyelinSchema(name);
    }

    /**
     * Creates the schema if missing and applies every pending framework migration, in one Flyway run.
     *
     * @param dataSource the database
     * @return how many migrations were applied now
     * @throws org.flywaydb.core.api.FlywayException when a migration fails or the history does not
     *     match the migrations on the class path
     */
    public int migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /**
     * Returns a Flyway configured for this schema, to validate, inspect or migrate it.
     *
     * @param dataSource the database
     * @return the configured Flyway
     */
    public Flyway flyway(DataSource dataSource) {
        return Flyway.configure(MyelinSchema.class.getClassLoader())
                .dataSource(Objects.requireNonNull(dataSource, "dataSource"))
                .locations(LOCATION)
                .schemas(name)
                .defaultSchema(name)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .load();
    }

    /**
     * Puts this schema's name in place of {@code {schema}} in a SQL text.
     *
     * @param sql a statement naming tables as {@code {schema}.table}
     * @return the statement for this schema
     */
    String qualify(String sql) {
        return sql.replace("{schema}", name);
    }
}
