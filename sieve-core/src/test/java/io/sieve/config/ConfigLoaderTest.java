package io.sieve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreValidAndComplete() {
        SieveConfig c = ConfigLoader.defaults();
        assertEquals(8080, c.server().port());
        assertTrue(c.types().get("dislike").negative());
        assertTrue(c.retrieval().sources().get("covisitation").enabled());
    }

    @Test
    void aFileOverridesOnlyTheKeysItNames() throws Exception {
        Path file = dir.resolve("sieve.yaml");
        Files.writeString(file, """
                server:
                  port: 9000
                retrieval:
                  sources:
                    popularity: {quota: 7}
                eventTypes:
                  watch: {weight: 3, negative: false, seen: true, useValue: true, verb: watched}
                """);
        SieveConfig c = ConfigLoader.load(file, Map.of());
        assertEquals(9000, c.server().port());
        assertEquals("127.0.0.1", c.server().host());
        assertEquals(7, c.retrieval().sources().get("popularity").quota());
        assertTrue(c.retrieval().sources().get("popularity").enabled());
        assertEquals(3.0 * 0.5, c.types().get("watch").weightOf(0.5));
        assertTrue(c.types().contains("click"));
    }

    @Test
    void environmentVariablesOverrideFileAndDefaults() {
        SieveConfig c = ConfigLoader.load(null, Map.of(
                "SIEVE_SERVER_PORT", "9100",
                "SIEVE_RETRIEVAL_DEADLINEMS", "12",
                "SIEVE_RETRIEVAL_SOURCES_TRENDING_ENABLED", "false",
                "SIEVE_TRAINING_SEGMENTS_ATTRIBUTES", "country,plan",
                "SIEVE_DATA_DIR", "/somewhere"));
        assertEquals(9100, c.server().port());
        assertEquals(12, c.retrieval().deadlineMs());
        assertFalse(c.retrieval().sources().get("trending").enabled());
        assertEquals(java.util.List.of("country", "plan"), c.training().segments().attributes());
    }

    @Test
    void apiKeysAreCheckedAndTheirSecretsNeverPrinted() throws Exception {
        Path file = dir.resolve("keys.yaml");
        Files.writeString(file, """
                security:
                  keys:
                    admin: {key: correct-horse-battery-staple, scopes: [read, write, admin]}
                    ci: {keyEnv: SIEVE_CI_KEY, scopes: [write]}
                """);
        SieveConfig c = ConfigLoader.load(file, Map.of());
        assertEquals(java.util.List.of(ApiScope.write), c.security().keys().get("ci").scopes());
        assertFalse(ConfigLoader.toYaml(c).contains("correct-horse"), ConfigLoader.toYaml(c));
        assertFalse(c.toString().contains("correct-horse"));

        Path bad = dir.resolve("bad-keys.yaml");
        Files.writeString(bad, """
                security:
                  keys:
                    both: {key: correct-horse-battery-staple, keyEnv: X, scopes: [read]}
                    short: {key: abc, scopes: [read]}
                    odd: {keyEnv: X, scopes: [root]}
                    none: {keyEnv: X, scopes: []}
                """);
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad, Map.of()));
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("security.keys.both: give exactly one"), e.getMessage());
        assertTrue(e.getMessage().contains("security.keys.short.key: must be at least 16"), e.getMessage());
        assertFalse(e.getMessage().contains("abc"), "the secret is not repeated: " + e.getMessage());
        assertTrue(e.getMessage().contains("security.keys.odd.scopes[0]: 'root' is not one of [read, write, admin]"), e.getMessage());
        assertTrue(e.getMessage().contains("security.keys.none.scopes"), e.getMessage());

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "security:\n  keys:\n    k: {secret: correct-horse-battery-staple, scopes: [read]}\n");
        var unknown = assertThrows(ConfigException.class, () -> ConfigLoader.load(typo, Map.of()));
        assertTrue(unknown.getMessage().contains("security.keys.k.secret: unknown key"), unknown.getMessage());
    }

    @Test
    void limitsMustBePositive() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("SIEVE_LIMITS_TITLELENGTH", "0", "SIEVE_LIMITS_BATCHSIZE", "-1")));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("limits.titleLength: must be greater than 0, was 0"), e.getMessage());
        assertEquals(10_000, ConfigLoader.defaults().limits().batchSize());
    }

    @Test
    void mistakesAreExplainedWithTheirKey() throws Exception {
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "retrieval:\n  deadlinems: 5\n");
        var e1 = assertThrows(ConfigException.class, () -> ConfigLoader.load(unknown, Map.of()));
        assertTrue(e1.getMessage().contains("retrieval.deadlinems: unknown key"), e1.getMessage());
        assertTrue(e1.getMessage().contains("deadlineMs"), "should list the known keys: " + e1.getMessage());

        Path wrongType = dir.resolve("type.yaml");
        Files.writeString(wrongType, "server:\n  port: eighty\n");
        var e2 = assertThrows(ConfigException.class, () -> ConfigLoader.load(wrongType, Map.of()));
        assertTrue(e2.getMessage().contains("server.port"), e2.getMessage());

        var e3 = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("SIEVE_RETRIEVAL_SOURCES_POPULARITY_QUOTA", "0", "SIEVE_SERVER_PORT", "70000")));
        assertEquals(2, e3.problems().size(), e3.problems().toString());
        assertTrue(e3.problems().get(0).startsWith("server.port"));
    }

    @Test
    void settingsCanBeChangedByDottedPath() {
        SieveConfig c = ConfigLoader.withSettings(ConfigLoader.defaults(),
                Map.of("training.coVisitation.window", "20", "ranking.fusion", "rrf"));
        assertEquals(20, c.training().coVisitation().window());
        assertEquals(io.sieve.config.Fusion.rrf, c.ranking().fusion());
        assertThrows(ConfigException.class, () -> ConfigLoader.withSettings(c, Map.of("training.nope", "1")));
    }
}
