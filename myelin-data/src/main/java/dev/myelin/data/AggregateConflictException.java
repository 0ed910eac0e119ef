package dev.myelin.data;

import dev.myelin.core.ConcurrencyConflictException;

/**
 * Thrown when an aggregate or stream was changed by someone else since it was read: the stored
 * version is not the expected one. Retried by the retry behavior; otherwise a 409.
 *
 * @since 0.1
 */
public final class AggregateConflictException extends ConcurrencyConflictException {

    private static final long serialVersionUID = 1L;

    /** Stands for "no such aggregate or stream" in {@link #actualVersion()}. */
    public static final long NONE = -1;

    private final String aggregateType;
    private final String aggregateId;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * Creates the exception.
     *
     * @param aggregateType the aggregate type or stream category, such as {@code "Order"}
     * @param aggregateId the aggregate id or stream id
     * @param expectedVersion the version the writer read
     * @param actualVersion the version stored, or {@link #NONE}
     */
    public AggregateConflictException(String aggregateType, Object aggregateId, long expectedVersion, long actualVersion) {
        super(aggregateType + " '" + aggregateId + "' was expected at version " + expectedVersion + " but is "
                + (actualVersion == NONE ? "absent" : "at version " + actualVersion));
        this.aggregateType = aggregateType;
        this.aggregateId = String.valueOf(aggregateId);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * Returns the aggregate type or stream category.
     *
     * @return the type
     */
    public String aggregateType() {
        return aggregateType;
    }

    /**
     * Returns the aggregate or stream id.
     *
     * @return the id
     */
    public String aggregateId() {
        return aggregateId;
    }

    /**
     * Returns the version the writer expected.
     *
     * @return the expected version
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * Returns the version found.
     *
     * @return the stored version, or {@link #NONE}
     */
    public long actualVersion() {
        return actualVersion;
    }
}
