package dev.myelin.spring.boot.internal;

import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a total deadline for a request's line and headers: Tomcat's own
 * {@code connectionTimeout} applies to each read, so a client sending its headers one byte at a time
 * holds its connection for ever. Every quarter of the deadline (at most every second), a task on Tomcat's
 * utility executor looks at the open connections: one that waits for more of its request line or headers
 * (its processor parked with the connection, neither asynchronous nor upgraded, its request started)
 * longer than the deadline after the request's first byte is handed to a worker thread as a read timeout
 * ({@link SocketEvent#ERROR} with a {@link SocketTimeoutException}, what Tomcat's poller does when a read
 * times out), which closes it. A request whose headers are read is being served by a thread or is
 * asynchronous (its body read ahead, with its own deadline), and is not affected. Off when the deadline
 * is 0. Set by the starter as the connector's protocol class.
 */
public final class HeaderDeadlineProtocol extends Http11NioProtocol {

    private volatile long headerDeadlineMillis;
    private ScheduledFuture<?> sweeper;

    /**
     * Returns the deadline for a request's line and headers.
     *
     * @return milliseconds from the request's first byte; 0 for none
     */
    public long getHeaderDeadline() {
        return headerDeadlineMillis;
    }

    /**
     * Sets the deadline for a request's line and headers; takes effect at {@link #start()}.
     *
     * @param millis milliseconds from the request's first byte; 0 for none
     */
    public void setHeaderDeadline(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("A header deadline is 0 (none) or positive: " + millis);
        }
        this.headerDeadlineMillis = millis;
    }

    @Override
    public synchronized void start() throws Exception {
        super.start();
        long deadline = headerDeadlineMillis;
        if (deadline > 0 && sweeper == null) {
            long period = Math.max(50, Math.min(1000, deadline / 4));
            sweeper = getUtilityExecutor().scheduleWithFixedDelay(() -> cutOff(TimeUnit.MILLISECONDS.toNanos(deadline)),
                    period, period, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() throws Exception {
        if (sweeper != null) {
            sweeper.cancel(false);
            sweeper = null;
        }
        super.stop();
    }

    private void cutOff(long deadlineNanos) {
        long now = System.nanoTime();
        for (SocketWrapperBase<NioChannel> connection : getEndpoint().getConnections()) {
            if (!connection.isClosed() && connection.getCurrentProcessor() instanceof AbstractProcessor processor
                    && !processor.isAsync() && !processor.isUpgrade()) {
                Request request = processor.getRequest();
                long started = request.getStartTimeNanos();
                // Http11Processor parks a request with incomplete headers at STAGE_ENDED (after its loop).
                int stage = request.getRequestProcessor().getStage();
                if (started >= 0 && (stage == Constants.STAGE_PARSE || stage == Constants.STAGE_ENDED)
                        && now - started > deadlineNanos) {
                    connection.setError(new SocketTimeoutException("Request line and headers not received within "
                            + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms"));
                    connection.processSocket(SocketEvent.ERROR, true);
                }
            }
        }
    }
}
