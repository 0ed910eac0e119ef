package dev.myelin.behaviors.logging;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.event.Level;

/**
 * Settings of {@link LoggingBehavior}: levels, whether payloads are logged, the logger name and
 * the time source.
 *
 * <pre>{@code
 * LoggingConfig config = LoggingConfig.builder()
 *         .queryLevel(Level.INFO)
 *         .logPayloads(true)        // not on the zero-cost path; mask secrets with @Sensitive
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (given a thread-safe ticker).
 *
 * @param commandLevel level of a command's line when it succeeds (and of requests that are
 *     neither command nor query)
 * @param queryLevel level of a query's line when it succeeds
 * @param clientErrorLevel level of a line whose {@code OperationResult} has a 4xx status
 * @param serverErrorLevel level of a line whose {@code OperationResult} has a 5xx status
 * @param logPayloads whether each line carries the request's components ({@link Sensitive} ones
 *     masked)
 * @param loggerName name of the SLF4J logger written to
 * @param ticker nanosecond time source for durations, like {@link System#nanoTime()}
 * @since 0.1
 */
public record LoggingConfig(Level commandLevel, Level queryLevel, Level clientErrorLevel, Level serverErrorLevel,
        boolean logPayloads, String loggerName, LongSupplier ticker) {

    /** Default level of a successful command: INFO. */
    public static final Level DEFAULT_COMMAND_LEVEL = Level.INFO;

    /** Default level of a successful query: DEBUG, since queries are many and change nothing. */
    public static final Level DEFAULT_QUERY_LEVEL = Level.DEBUG;

    /** Default level of a 4xx result: INFO, since the caller erred, not the system. */
    public static final Level DEFAULT_CLIENT_ERROR_LEVEL = Level.INFO;

    /** Default level of a 5xx result: WARN. (A thrown exception is always logged at ERROR.) */
    public static final Level DEFAULT_SERVER_ERROR_LEVEL = Level.WARN;

    /** Default for payloads: not logged. */
    public static final boolean DEFAULT_LOG_PAYLOADS = false;

    /** Default logger name: the behavior's class name. */
    public static final String DEFAULT_LOGGER_NAME = "dev.myelin.behaviors.logging.LoggingBehavior";

    /** Default time source: {@link System#nanoTime()}. */
    public static final LongSupplier DEFAULT_TICKER = System::nanoTime;

    private static final LoggingConfig DEFAULTS = new LoggingConfig(DEFAULT_COMMAND_LEVEL, DEFAULT_QUERY_LEVEL,
            DEFAULT_CLIENT_ERROR_LEVEL, DEFAULT_SERVER_ERROR_LEVEL, DEFAULT_LOG_PAYLOADS, DEFAULT_LOGGER_NAME,
            DEFAULT_TICKER);

    /** Validates the components. */
    public LoggingConfig {
        Objects.requireNonNull(commandLevel, "commandLevel");
        Objects.requireNonNull(queryLevel, "queryLevel");
        Objects.requireNonNull(clientErrorLevel, "clientErrorLevel");
        Objects.requireNonNull(serverErrorLevel, "serverErrorLevel");
        Objects.requireNonNull(loggerName, "loggerName");
        Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Returns the defaults: commands at INFO, queries at DEBUG, 4xx at INFO, 5xx at WARN, no
     * payloads, logger {@value #DEFAULT_LOGGER_NAME}, {@link System#nanoTime()}.
     *
     * @return the default settings
     */
    public static LoggingConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link LoggingConfig}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private Level commandLevel = DEFAULT_COMMAND_LEVEL;
        private Level queryLevel = DEFAULT_QUERY_LEVEL;
        private Level clientErrorLevel = DEFAULT_CLIENT_ERROR_LEVEL;
        private Level serverErrorLevel = DEFAULT_SERVER_ERROR_LEVEL;
        private boolean logPayloads = DEFAULT_LOG_PAYLOADS;
        private String loggerName = DEFAULT_LOGGER_NAME;
        private LongSupplier ticker = DEFAULT_TICKER;

        private Builder() {
        }

        /**
         * Sets the level of a successful command's line.
         *
         * @param level the level; {@link #DEFAULT_COMMAND_LEVEL} by default
         * @return this builder
         */
        public Builder commandLevel(Level level) {
            this.commandLevel = level;
            return this;
        }

        /**
         * Sets the level of a successful query's line.
         *
         * @param level the level; {@link #DEFAULT_QUERY_LEVEL} by default
         * @return this builder
         */
        public Builder queryLevel(Level level) {
            this.queryLevel = level;
            return this;
        }

        /**
         * Sets the level of a line whose result has a 4xx status.
         *
         * @param level the level; {@link #DEFAULT_CLIENT_ERROR_LEVEL} by default
         * @return this builder
         */
        public Builder clientErrorLevel(Level level) {
            this.clientErrorLevel = level;
            return this;
        }

        /**
         * Sets the level of a line whose result has a 5xx status.
         *
         * @param level the level; {@link #DEFAULT_SERVER_ERROR_LEVEL} by default
         * @return this builder
         */
        public Builder serverErrorLevel(Level level) {
            this.serverErrorLevel = level;
            return this;
        }

        /**
         * Sets whether each line carries the request's components. Costs a reflective read of each
         * component per logged line, so it is not on the zero-cost path; {@link Sensitive}
         * components are masked.
         *
         * @param enabled whether to log payloads; {@code false} by default
         * @return this builder
         */
        public Builder logPayloads(boolean enabled) {
            this.logPayloads = enabled;
            return this;
        }

        /**
         * Sets the name of the logger written to.
         *
         * @param name the logger name; {@link #DEFAULT_LOGGER_NAME} by default
         * @return this builder
         */
        public Builder loggerName(String name) {
            this.loggerName = name;
            return this;
        }

        /**
         * Sets the nanosecond time source, for tests.
         *
         * @param nanoTicker a source like {@link System#nanoTime()}; the default
         * @return this builder
         */
        public Builder ticker(LongSupplier nanoTicker) {
            this.ticker = nanoTicker;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public LoggingConfig build() {
            return new LoggingConfig(commandLevel, queryLevel, clientErrorLevel, serverErrorLevel, logPayloads,
                    loggerName, ticker);
        }
    }
}
