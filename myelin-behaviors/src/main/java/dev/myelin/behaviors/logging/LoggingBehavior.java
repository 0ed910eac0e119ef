package dev.myelin.behaviors.logging;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Query;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one SLF4J line per request: its type, its outcome, how long it took and its correlation
 * id, both as key-value pairs (for structured encoders) and in a readable message:
 *
 * <pre>
 * PlaceOrder -&gt; 201 in 3.217 ms [correlation_id=7f3a...]
 * </pre>
 *
 * <table>
 *   <caption>Keys of each line</caption>
 *   <tr><td>{@value #KEY_REQUEST}</td><td>the request type's simple name</td></tr>
 *   <tr><td>{@value #KEY_OUTCOME}</td><td>the status of an {@code OperationResult} ("201"),
 *       {@code "ok"} for any other result, or the exception's class name</td></tr>
 *   <tr><td>{@value #KEY_DURATION_MS}</td><td>milliseconds, to the microsecond</td></tr>
 *   <tr><td>{@value #KEY_CORRELATION_ID}</td><td>from {@link RequestContext}, when there is one</td></tr>
 *   <tr><td>{@value #KEY_PAYLOAD}</td><td>only when {@link LoggingConfig#logPayloads()} is on</td></tr>
 * </table>
 *
 * <p><b>Levels.</b> Successful commands at INFO and queries at DEBUG; an {@code OperationResult} with
 * a 4xx status at INFO and a 5xx status at WARN, without a stack trace (all configurable in
 * {@link LoggingConfig}). A thrown exception is logged at ERROR with its stack trace and rethrown
 * unchanged; when requests are nested (a handler sends another request) the stack trace is written
 * by the innermost line only, so each failure's trace appears once. For requests returning
 * {@code OperationResult} an exception is logged at WARN without its trace: the mediator maps it to
 * a result, and logs the trace itself when no exception handler maps it (a 500).
 *
 * <p><b>Payloads.</b> Not logged by default. With {@link LoggingConfig.Builder#logPayloads(boolean)
 * logPayloads(true)}, each line carries the request written like a record's {@code toString()} with
 * {@link Sensitive} components as {@value #MASK}; record components are resolved once per type but
 * read reflectively on each logged line, so this mode is not on the zero-cost path.
 *
 * <p><b>Scope and order.</b> Every request ({@link BehaviorOrder#LOGGING}: after authorization and
 * validation, so refused requests are not logged as work): registering it is the opt-in.
 *
 * <pre>{@code
 * Mediator mediator = Mediator.builder()
 *         .handler(new PlaceOrderHandler(orders))
 *         .behavior(LoggingBehavior.ofDefaults())
 *         .build();
 * }</pre>
 *
 * <p><b>Cost.</b> Two ticker reads per send; nothing is allocated unless the line's level is
 * enabled. <b>Threading.</b> Thread-safe. <b>Transactions.</b> Runs outside any transaction, so the
 * duration includes the commit.
 *
 * @since 0.1
 */
public final class LoggingBehavior implements PipelineBehavior<Request<?>, Object> {

    /** Key of the request type's simple name. */
    public static final String KEY_REQUEST = "request";

    /** Key of the outcome: a status code, {@code "ok"} or an exception class name. */
    public static final String KEY_OUTCOME = "outcome";

    /** Key of the duration in milliseconds. */
    public static final String KEY_DURATION_MS = "duration_ms";

    /** Key of the correlation id. */
    public static final String KEY_CORRELATION_ID = "correlation_id";

    /** Key of the payload, when payloads are logged. */
    public static final String KEY_PAYLOAD = "payload";

    /** What a {@link Sensitive} component is written as. */
    public static final String MASK = "***";

    /** The outcome of a request whose result is not an {@code OperationResult}. */
    public static final String OUTCOME_OK = "ok";

    /** Throwables whose stack trace was written already; weak, so nothing is kept alive. */
    private static final Set<Throwable> TRACED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final LoggingConfig config;
    private final Logger logger;
    private final LongSupplier ticker;
    private final ClassValue<TypeInfo> types = new ClassValue<>() {
        @Override
        protected TypeInfo computeValue(Class<?> type) {
            if (config.logPayloads()) {
                PayloadWriter.prepare(type);
            }
            Level level = Query.class.isAssignableFrom(type) && !Command.class.isAssignableFrom(type)
                    ? config.queryLevel() : config.commandLevel();
            boolean mapped = OperationResult.class.isAssignableFrom(Request.resultType(type));
            return new TypeInfo(type.getSimpleName(), level, mapped);
        }
    };

    /**
     * Creates the behavior.
     *
     * @param config the settings
     */
    public LoggingBehavior(LoggingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.logger = LoggerFactory.getLogger(config.loggerName());
        this.ticker = config.ticker();
    }

    /**
     * Creates the behavior with {@link LoggingConfig#ofDefaults()}.
     *
     * @return a new behavior
     */
    public static LoggingBehavior ofDefaults() {
        return new LoggingBehavior(LoggingConfig.ofDefaults());
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        long start = ticker.getAsLong();
        Object result;
        try {
            result = next.invoke(request);
        } catch (Throwable failure) {
            logFailure(request, start, failure);
            throw failure;
        }
        logResult(request, start, result);
        return result;
    }

    /**
     * Prepares the type's level, name and (when payloads are logged) components; always applies.
     *
     * @param requestType a request type
     * @return {@code true}
     */
    @Override
    public boolean appliesTo(Class<?> requestType) {
        types.get(requestType);
        return true;
    }

    /**
     * Returns {@link BehaviorOrder#LOGGING}.
     *
     * @return the order value
     */
    @Override
    public int order() {
        return BehaviorOrder.LOGGING;
    }

    private void logResult(Request<?> request, long start, Object result) {
        TypeInfo type = types.get(request.getClass());
        Level level = type.level;
        int status = 0;
        if (result instanceof OperationResult<?> operationResult) {
            status = operationResult.status();
            if (status >= 500) {
                level = config.serverErrorLevel();
            } else if (status >= 400) {
                level = config.clientErrorLevel();
            }
        }
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        long elapsed = ticker.getAsLong() - start;
        write(level, type, request, status == 0 ? OUTCOME_OK : Integer.toString(status), elapsed, null);
    }

    private void logFailure(Request<?> request, long start, Throwable failure) {
        TypeInfo type = types.get(request.getClass());
        // For OperationResult requests the mediator maps the exception: an exception handler turns it
        // into an expected result, or the mediator logs it with its trace as unexpected. Logging the
        // trace here too would log one failure twice.
        boolean mapped = type.resultMappedByMediator && failure instanceof Exception;
        Level level = mapped ? Level.WARN : Level.ERROR;
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        long elapsed = ticker.getAsLong() - start;
        // Only the first (innermost) line of a failure carries its stack trace.
        Throwable cause = !mapped && TRACED.add(failure) ? failure : null;
        write(level, type, request, failure.getClass().getName(), elapsed, cause);
    }

    private void write(Level level, TypeInfo type, Request<?> request, String outcome, long elapsedNanos, Throwable cause) {
        double millis = Math.round(elapsedNanos / 1_000.0) / 1_000.0;
        String correlationId = RequestContext.current().correlationId().orElse(null);
        LoggingEventBuilder event = logger.atLevel(level)
                .addKeyValue(KEY_REQUEST, type.name)
                .addKeyValue(KEY_OUTCOME, outcome)
                .addKeyValue(KEY_DURATION_MS, millis);
        StringBuilder message = new StringBuilder(64).append(type.name).append(" -> ").append(outcome)
                .append(" in ").append(millis).append(" ms");
        if (correlationId != null) {
            event.addKeyValue(KEY_CORRELATION_ID, correlationId);
            message.append(" [correlation_id=").append(correlationId).append(']');
        }
        if (config.logPayloads()) {
            String payload = PayloadWriter.write(request);
            event.addKeyValue(KEY_PAYLOAD, payload);
            message.append(" payload=").append(payload);
        }
        if (cause != null) {
            event.setCause(cause);
        }
        event.log(message.toString());
    }

    /** What is resolved once per request type. */
    private static final class TypeInfo {
        final String name;
        final Level level;
        /** Whether the mediator turns this type's exceptions into results (and logs the unmapped ones). */
        final boolean resultMappedByMediator;

        TypeInfo(String name, Level level, boolean resultMappedByMediator) {
            this.name = name;
            this.level = level;
            this.resultMappedByMediator = resultMappedByMediator;
        }
    }
}
