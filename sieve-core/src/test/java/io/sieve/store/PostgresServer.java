package io.sieve.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, started from the Debian package's binaries with
 * {@code initdb} in a temporary directory, on a free loopback port, once per test JVM and stopped
 * when it exits. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user
 * the package creates. Without the binaries a test is skipped with the reason, and counted as
 * skipped; under {@code CI=true} it fails instead, since {@code .ci/run} installs them.
 */
public final class PostgresServer {
    private static final String USER = "sieve";
    private static PostgresServer shared;

    private final int port;
    private final Path bin;
    private final Path dir;
    private final boolean root;
    private final Set<String> databases = new HashSet<>();

    private PostgresServer(int port, Path bin, Path dir, boolean root) {
        this.port = port;
        this.bin = bin;
        this.dir = dir;
        this.root = root;
    }

    /** The server of this JVM, started on first use; skips (or, on CI, fails) the test when PostgreSQL is not installed. */
    public static synchronized PostgresServer get() {
        if (shared == null) {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                String reason = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(reason + ": on CI, .ci/run installs it, and these tests must not be skipped");
                }
                Assumptions.abort(reason);
            }
            shared = start(bin.get());
        }
        return shared;
    }

    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PostgresServer start(Path bin) {
        try {
            Path dir = Files.createTempDirectory("sieve-postgres");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            Path data = dir.resolve("data");
            run(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync");
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            PostgresServer server = new PostgresServer(port, bin, dir, root);
            server.resume();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.crash();
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                } catch (IOException | RuntimeException ignored) {
                    // The JVM is exiting; a leftover temporary directory is all that can remain.
                }
            }));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    /**
     * Stops the server the way a crash would ({@code pg_ctl -m immediate}: every process quits at
     * once, no checkpoint, recovery from the write-ahead log at the next start). Tests that do this
     * {@link #resume} it before they end, since the server is shared by the JVM's tests.
     */
    public synchronized void crash() throws IOException {
        run(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public synchronized void resume() throws IOException {
        run(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    }

    private static void run(boolean asPostgres, String... command) throws IOException {
        List<String> line = new ArrayList<>();
        if (asPostgres) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(Arrays.asList(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", line) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A store URL of database {@code name}, created empty on first use. */
    public synchronized String url(String name) {
        if (databases.add(name)) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
        }
        return "postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }
}
