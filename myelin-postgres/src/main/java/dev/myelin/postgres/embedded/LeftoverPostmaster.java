package dev.myelin.postgres.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a start on a kept data directory, deals with a {@code postmaster.pid} that a run which did
 * not stop PostgreSQL left behind (the JVM was killed and no watchdog stopped the server):
 * <ul>
 *   <li>no such process: left to PostgreSQL, which removes a lock file whose process is gone;</li>
 *   <li>a live {@code postgres} process on this directory, while no JVM holds zonky's
 *       {@code epg-lock} file lock on the directory: an orphan. It gets {@code SIGINT} (fast
 *       shutdown: committed transactions are kept, the data directory is left consistent) and the
 *       start waits for it to exit;</li>
 *   <li>a live process that is not a postmaster of this directory (its pid was reused): the stale
 *       {@code postmaster.pid} is deleted, which PostgreSQL would otherwise refuse to start over;</li>
 *   <li>a live postmaster while another JVM holds the lock: the directory is in use, and the start
 *       fails with a message saying so.</li>
 * </ul>
 * When the process's command line cannot be read, nothing is signalled or deleted.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);

    /** The file zonky locks for as long as a JVM runs a server on the directory. */
    static final String ZONKY_LOCK = "epg-lock";

    static final String PID_FILE = "postmaster.pid";

    private LeftoverPostmaster() {
    }

    /**
     * Stops an orphaned postmaster on a data directory, or removes a stale lock file, as the class
     * comment says.
     *
     * @param dataDirectory the data directory about to be started
     * @param wait how long to wait for an orphan to exit
     * @throws IllegalStateException when the directory is in use by a running server of another JVM,
     *     or an orphan does not exit in time
     */
    static void stopIfLeft(Path dataDirectory, Duration wait) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        Long pid = pidIn(pidFile);
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            LOG.info("A stale {} (pid {} is gone) is on {}; PostgreSQL replaces it", PID_FILE, pid, dataDirectory);
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(ZONKY_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw inUse(dataDirectory, pid);
            }
            Boolean ours = isPostmasterOf(process.get(), dataDirectory);
            if (ours == null) {
                LOG.warn("Process {} named by {} on {} cannot be inspected; leaving it to PostgreSQL", pid, PID_FILE,
                        dataDirectory);
            } else if (ours) {
                stop(process.get(), dataDirectory, wait);
            } else {
                LOG.warn("Removing the stale {} on {}: its pid {} is now another process", PID_FILE, dataDirectory, pid);
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot check the data directory " + dataDirectory + " for a running PostgreSQL",
                    failure);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    private static IllegalStateException inUse(Path dataDirectory, long pid) {
        return new IllegalStateException("The data directory " + dataDirectory + " is in use: PostgreSQL (pid " + pid
                + ") runs on it for another live process; stop that application or use another directory");
    }

    private static void stop(ProcessHandle postmaster, Path dataDirectory, Duration wait) {
        LOG.warn("An orphaned PostgreSQL (pid {}) left by a crashed run is on {}; stopping it (fast shutdown)",
                postmaster.pid(), dataDirectory);
        signalFastShutdown(postmaster);
        try {
            postmaster.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("The orphaned PostgreSQL (pid {}) has stopped", postmaster.pid());
        } catch (TimeoutException late) {
            throw new IllegalStateException("The orphaned PostgreSQL (pid " + postmaster.pid() + ") on " + dataDirectory
                    + " did not stop within " + wait.toMillis() + " ms", late);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the orphaned PostgreSQL to stop", interrupted);
        }
    }

    private static void signalFastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor() == 0) {
                return;
            }
        } catch (IOException noKill) {
            LOG.debug("No kill command; falling back to the process API", noKill);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        // SIGTERM elsewhere: PostgreSQL's smart shutdown, which also keeps every commit.
        postmaster.destroy();
    }

    /** True for a postgres process started on this directory, false for another process, null when unknown. */
    private static Boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            return null;
        }
        String name = Path.of(command.get()).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postgres.exe")) {
            return false;
        }
        Optional<String[]> arguments = info.arguments();
        if (arguments.isEmpty()) {
            return null;
        }
        List<String> args = List.of(arguments.get());
        int flag = args.indexOf("-D");
        if (flag < 0 || flag + 1 >= args.size()) {
            return null;
        }
        return sameDirectory(Path.of(args.get(flag + 1)), dataDirectory);
    }

    private static boolean sameDirectory(Path one, Path other) {
        try {
            return Files.isSameFile(one, other);
        } catch (IOException unreadable) {
            return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
        }
    }

    /** The pid on the first line, or null without a readable one. */
    static Long pidIn(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? null : Long.valueOf(lines.get(0).trim());
        } catch (NumberFormatException | IOException unreadable) {
            return null;
        }
    }
}
