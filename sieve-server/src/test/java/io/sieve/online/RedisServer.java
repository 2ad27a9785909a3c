package io.sieve.online;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis for tests: Debian's {@code redis-server} on a free loopback port, nothing saved to
 * disk, which a test may stop and start again on the same port (Redis going away under load).
 * Without the binary a test is skipped with the reason, and counted as skipped; under
 * {@code CI=true} it fails instead, since {@code .ci/run} installs it.
 */
public final class RedisServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts a Redis of the test's own; skips (or, on CI, fails) the test when Redis is not installed. */
    public static RedisServer start() {
        if (!Files.isExecutable(BINARY)) {
            String reason = "Redis is not installed (no " + BINARY + "; apt-get install redis-server)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(reason + ": on CI, .ci/run installs it, and these tests must not be skipped");
            }
            Assumptions.abort(reason);
        }
        try (ServerSocket free = new ServerSocket(0)) {
            RedisServer server = new RedisServer(free.getLocalPort());
            free.close();
            server.resume();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills it, as a crash or a network cut would: no goodbye to its clients. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it (again) on its port, empty, and waits until it answers. */
    public synchronized void resume() {
        try {
            process = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("redis-server did not start on port " + port);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
