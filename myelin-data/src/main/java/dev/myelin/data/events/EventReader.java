package dev.myelin.data.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The reading half of an {@link EventStore}: streams and the whole log, never an append. Give it to a
 * component that must not write: a query handler that folds an aggregate's stream when it is read (a
 * live projection), a report over the log. Every {@code EventStore} is one, and a Spring application
 * injects its store as an {@code EventReader} too.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface EventReader {

    /** The events {@link #readStream(String)} reads per call of {@link #readStream(String, long, int)}. */
    int STREAM_PAGE = 256;

    /**
     * Reads a stream forwards.
     *
     * @param streamId the stream
     * @param fromVersion the first version to read, 1 for all
     * @param maxCount the most events to return
     * @return the events in version order; empty when the stream does not exist
     */
    List<StoredEvent> readStream(String streamId, long fromVersion, int maxCount);

    /**
     * Reads a stream backwards.
     *
     * @param streamId the stream
     * @param fromVersion the last version to read, {@link Long#MAX_VALUE} for the end
     * @param maxCount the most events to return
     * @return the events in descending version order
     */
    List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount);

    /**
     * Reads the whole log after an event, in read order (see {@link EventStore}), never skipping an
     * event that commits late with a lower position than one already returned.
     *
     * @param afterPosition the position of the last event already read; 0 for the start
     * @param maxCount the most events to return
     * @return the events, in read order
     */
    List<StoredEvent> readAll(long afterPosition, int maxCount);

    /**
     * Returns the highest position of a committed event, for lag metrics. The default reads the
     * whole log; stores override it with a cheap query.
     *
     * @return the position, 0 when the log is empty
     */
    default long lastPosition() {
        long last = 0;
        for (List<StoredEvent> page = readAll(0, 1000); !page.isEmpty(); page = readAll(last, 1000)) {
            last = page.get(page.size() - 1).position();
        }
        return last;
    }

    /**
     * Reads a whole stream forwards, in pages of {@value #STREAM_PAGE} events (one call of
     * {@link #readStream(String, long, int)} for a shorter stream). Outside a transaction each page is
     * read on its own, so events appended meanwhile may be included; they come after the others, as the
     * stream's versions do.
     *
     * @param streamId the stream
     * @return its events in version order; empty when the stream does not exist
     */
    default List<StoredEvent> readStream(String streamId) {
        List<StoredEvent> page = readStream(streamId, 1, STREAM_PAGE);
        if (page.size() < STREAM_PAGE) {
            return page;
        }
        List<StoredEvent> all = new ArrayList<>(page);
        do {
            page = readStream(streamId, all.get(all.size() - 1).streamVersion() + 1, STREAM_PAGE);
            all.addAll(page);
        } while (page.size() == STREAM_PAGE);
        return List.copyOf(all);
    }
}
