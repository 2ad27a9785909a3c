package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./sieve serve} in its own process on a free port, with an HTTP client for it. */
final class ServedProcess implements AutoCloseable {
    /** One response. */
    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;

    private ServedProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the server and waits until it answers {@code /healthz}. */
    static ServedProcess start(String logName, Path dataDir, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Launcher.log(logName);
        Process p = Launcher.start(log, env, "serve", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        ServedProcess served = new ServedProcess(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the server exited with " + p.exitValue() + "; see " + log + ":\n" + Launcher.tail(log));
            }
            try {
                if (served.get("/healthz").status() == 200) {
                    return served;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        served.close();
        throw new AssertionError("the server did not answer within 3 minutes; see " + log);
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A request with a JSON body (or none) and extra headers. */
    Response send(String method, String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request);
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** The server still runs and answers its liveness check. */
    void assertAlive() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError("the server died (exit " + process.exitValue() + "); see " + log + ":\n" + Launcher.tail(log));
        }
        assertEquals(200, get("/healthz").status());
    }

    /** The lines of the server process's memory map: which files its native libraries come from. */
    List<String> memoryMap() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "maps"));
    }

    Path log() {
        return log;
    }

    /** Stops the server as Ctrl-C would (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
