package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SIEVE_*} variables through the real launcher: the launcher's own pass, a key is applied, and
 * a misspelt one stops the command with its name (never its value) before anything else happens.
 */
class EnvironmentVariablesIT {
    @TempDir
    Path dir;

    @Test
    void theLaunchersVariablesPassAndNothingElseIsPrinted() throws Exception {
        String out = Launcher.run("env-launcher", Map.of(
                "SIEVE_HEAP", "512m",
                "SIEVE_LOG_DIR", dir.resolve("logs").toString(),
                "SIEVE_NATIVE_DIR", dir.resolve("native").toString(),
                "SIEVE_DATA_DIR", dir.resolve("data").toString(),
                "SIEVE_JAVA_OPTS", "-Dsieve.example=1",
                "SIEVE_RETRIEVAL_SOURCES_ALS_WEIGHT", "0.5"), "validate");
        assertEquals("configuration is valid\n", out, "no library announces itself on a command's output");
    }

    /** SIEVE_LOG_FORMAT=json: every line a command logs is one JSON object a collector can read. */
    @Test
    void jsonLogsAreOneObjectPerLine() throws Exception {
        Path data = dir.resolve("data");
        Launcher.run("env-json-import", Map.of(), "import", "--data-dir", data.toString(), "--format", "movielens-latest",
                "--path", "datasets/ml-latest-small", "--quiet");
        Path served;
        try (ServedProcess server = ServedProcess.start("env-json-logs", data, Map.of("SIEVE_LOG_FORMAT", "json"))) {
            server.assertAlive();
            served = server.log();
        }
        String out = Files.readString(served);
        List<String> logged = out.lines().filter(line -> line.startsWith("{")).toList();
        assertFalse(logged.isEmpty(), out);
        for (String line : logged) {
            JsonNode entry = Json.MAPPER.readTree(line);
            assertTrue(entry.has("level") && entry.has("loggerName") && entry.has("formattedMessage") && entry.has("timestamp"), line);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("Sieve is serving model")), out);

        Path log = Launcher.log("env-log-format");
        Process p = Launcher.start(log, Map.of("SIEVE_LOG_FORMAT", "xml"), "validate");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue());
        assertTrue(Files.readString(log).contains("SIEVE_LOG_FORMAT must be text or json, not 'xml'"));
    }

    @Test
    void aMisspeltVariableStopsTheCommandNamingIt() throws Exception {
        Path log = Launcher.log("env-misspelt");
        Process p = Launcher.start(log, Map.of("SIEVE_SERVER_PROT", "9090", "SIEVE_RANKNG_TYPE", "blend"), "validate");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String out = Files.readString(log);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("SIEVE_SERVER_PROT: names no configuration key"), out);
        assertTrue(out.contains("SIEVE_RANKNG_TYPE: names no configuration key"), out);
        assertFalse(out.contains("9090"), "values are never shown, they may be secrets: " + out);
    }
}
