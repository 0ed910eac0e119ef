package dev.myelin.data.events;

/**
 * What a writer expects of a stream when it appends: the optimistic concurrency check.
 *
 * @since 0.1
 */
public sealed interface ExpectedVersion {

    /**
     * Appends whatever the stream's version (the stream may not exist).
     *
     * @return the expectation
     */
    static ExpectedVersion any() {
        return Any.INSTANCE;
    }

    /**
     * Appends only when the stream has no event yet.
     *
     * @return the expectation
     */
    static ExpectedVersion noStream() {
        return NoStream.INSTANCE;
    }

    /**
     * Appends only when the stream's last event has this version.
     *
     * @param version the expected version, 1 or more (use {@link #noStream()} for an empty stream)
     * @return the expectation
     */
    static ExpectedVersion exactly(long version) {
        return new Exactly(version);
    }

    /** No expectation. */
    enum Any implements ExpectedVersion {
        /** The only instance. */
        INSTANCE
    }

    /** The stream must not exist. */
    enum NoStream implements ExpectedVersion {
        /** The only instance. */
        INSTANCE
    }

    /**
     * The stream must be at this version.
     *
     * @param version the version of the stream's last event
     */
    record Exactly(long version) implements ExpectedVersion {

        /** Validates the version. */
        public Exactly {
            if (version < 1) {
                throw new IllegalArgumentException("An existing stream has version 1 or more, was " + version
                        + "; use ExpectedVersion.noStream()");
            }
        }
    }
}
