package dev.myelin.spring.boot.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;

/**
 * A request body already in memory, served as a blocking servlet stream (a read listener is refused:
 * there is nothing to wait for). Used by the filters that read a body before the handler does. Not
 * thread-safe, like any request stream.
 */
final class MemoryInputStream extends ServletInputStream {

    private final byte[] body;
    private final ByteArrayInputStream bytes;

    MemoryInputStream(byte[] body) {
        this.body = body;
        this.bytes = new ByteArrayInputStream(body);
    }

    /**
     * The whole body, when nothing of it was read yet.
     *
     * @return the body, not to be modified, or {@code null} once a byte was read
     */
    byte[] unreadBody() {
        return bytes.available() == body.length ? body : null;
    }

    @Override
    public int read() {
        return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return bytes.read(buffer, offset, length);
    }

    @Override
    public int available() {
        return bytes.available();
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int limit) {
        bytes.mark(limit);
    }

    @Override
    public synchronized void reset() {
        bytes.reset();
    }

    @Override
    public boolean isFinished() {
        return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("The body is already in memory: read it with blocking calls");
    }
}
