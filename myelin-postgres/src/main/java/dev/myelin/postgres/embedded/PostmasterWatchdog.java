package dev.myelin.postgres.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small shell process, child of this JVM, that stops the postmaster when the JVM is gone however it
 * ended ({@code kill -9} included): it blocks reading a pipe whose only writer is this JVM, and the
 * kernel closes that pipe when the JVM exits. It then sends {@code SIGINT} (PostgreSQL's fast
 * shutdown: open transactions roll back, committed ones are kept) to the postmaster, provided the
 * data directory's {@code postmaster.pid} still names that process. It ignores {@code SIGINT},
 * {@code SIGHUP} and {@code SIGQUIT}, so a Ctrl-C in the terminal leaves the stop to the JVM;
 * {@link #close()} ends it with {@code SIGTERM}.
 *
 * <p>Needs {@code /bin/sh} and {@code kill} (Linux, macOS); elsewhere no watchdog runs and only the
 * start-time check of {@link LeftoverPostmaster} applies.
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostmasterWatchdog.class);

    private static final Path SHELL = Path.of("/bin/sh");

    /** $1: the data directory, $2: the postmaster's pid. Reads stdin until EOF, i.e. until the JVM is gone. */
    private static final String SCRIPT = """
            trap '' INT HUP QUIT
            while read -r line; do :; done
            if [ "$(head -n 1 "$1/postmaster.pid" 2>/dev/null)" = "$2" ]; then kill -INT "$2"; fi
            """;

    private final Process process;

    private PostmasterWatchdog(Process process) {
        this.process = process;
    }

    /**
     * Starts a watchdog of a running postmaster.
     *
     * @param dataDirectory the cluster's data directory
     * @param postmasterPid the postmaster's process id
     * @return the watchdog, or {@code null} when this platform has no {@code /bin/sh}
     */
    static PostmasterWatchdog start(Path dataDirectory, long postmasterPid) {
        if (!Files.isExecutable(SHELL)) {
            LOG.warn("No {}: the embedded PostgreSQL (pid {}) is not stopped if this JVM dies without closing it", SHELL,
                    postmasterPid);
            return null;
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(SHELL.toString(), "-c", SCRIPT, "myelin-postgres-watchdog",
                dataDirectory.toString(), Long.toString(postmasterPid)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            // stdin stays a pipe from this JVM, never written to: its end of file is the JVM's end.
            return new PostmasterWatchdog(builder.start());
        } catch (IOException failure) {
            LOG.warn("Cannot start the watchdog of the embedded PostgreSQL (pid {}): it is not stopped if this JVM dies "
                    + "without closing it", postmasterPid, failure);
            return null;
        }
    }

    /**
     * Returns the watchdog's process id.
     *
     * @return the pid
     */
    long pid() {
        return process.pid();
    }

    /** Ends the watchdog without touching the postmaster. */
    @Override
    public void close() {
        process.destroy();
    }
}
