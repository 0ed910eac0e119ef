package dev.myelin.core;

/**
 * Order values of the built-in behaviors, lowest first (outermost). A user behavior picks a
 * value between two of them to run there; {@link #DEFAULT} runs after metrics and before
 * idempotency.
 *
 * <p>The documented default chain is: authorization → validation → logging → metrics →
 * (user behaviors) → idempotency → timeout → retry → transaction → idempotency record →
 * caching (queries) → handler.
 *
 * @since 0.1
 */
public final class BehaviorOrder {

    /** Authorization: rejects callers before anything else runs. */
    public static final int AUTHORIZATION = 100;

    /** Validation: rejects bad input before it is logged as work or reaches the handler. */
    public static final int VALIDATION = 200;

    /** Logging: one line per request. */
    public static final int LOGGING = 300;

    /** Metrics and tracing. */
    public static final int METRICS = 400;

    /** User behaviors that state no order. */
    public static final int DEFAULT = 500;

    /**
     * Idempotency: a repeated command returns the first result; a new one reserves its key before
     * anything else of the command runs (outside the transaction).
     */
    public static final int IDEMPOTENCY = 600;

    /** Timeouts: a deadline per request type. */
    public static final int TIMEOUT = 650;

    /** Retry: each attempt gets a fresh transaction, so retry sits outside it. */
    public static final int RETRY = 700;

    /** Transaction (unit of work) around the handler. */
    public static final int TRANSACTION = 800;

    /**
     * The idempotency record: inside the transaction, so that a command's result is recorded in the
     * same commit as its effects.
     */
    public static final int IDEMPOTENCY_RECORD = 850;

    /** Query caching, closest to the handler. */
    public static final int CACHING = 900;

    private BehaviorOrder() {
    }
}
