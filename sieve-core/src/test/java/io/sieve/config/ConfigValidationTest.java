package io.sieve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake of one load is reported at once, each with its key, whether it is in the file or the environment. */
class ConfigValidationTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("sieve.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env)).problems();
    }

    /** In the order of the effective configuration: the defaults' keys, then those the file adds. */
    @Test
    void everyMistakeOfOneFileIsReportedWithItsKeyInTheOrderOfTheKeys() throws Exception {
        List<String> problems = problems("""
                server:
                  port: eighty
                  maxN: 5
                retrieval:
                  deadlinems: 5
                  sources:
                    als: {quota: -3}
                    popularity: {weight: -1, gapMinutes: 3}
                ranking:
                  type: lerned
                  training:
                    labelFraction: 1.5
                    kinds: []
                rerank:
                  diversity: mmx
                  minConfidence: 2
                training:
                  als: {factorz: 8}
                """, Map.of());
        assertEquals(List.of(
                "server.port: 'eighty' is not a whole number",
                "server.maxN: must be at least server.defaultN (10), was 5",
                "training.als.factorz: unknown key; known keys here: " + knownKeys(SieveConfig.AlsTraining.class),
                "retrieval.sources.popularity.weight: must be greater than or equal to 0, was -1.0",
                "retrieval.sources.popularity.gapMinutes: not a setting of a 'popularity' source; its settings: "
                        + "none but type, enabled, quota and weight",
                "retrieval.sources.als.quota: must be greater than 0, was -3",
                "retrieval.deadlinems: unknown key; known keys here: " + knownKeys(SieveConfig.RetrievalConfig.class),
                "ranking.type: 'lerned' is not one of [blend, learned]",
                "ranking.training.kinds: must not be empty, was []",
                "ranking.training.labelFraction: must be between 0 and 1 (exclusive), was 1.5",
                "rerank.diversity: nothing is called 'mmx'; known: [dpp, mmr, none]",
                "rerank.minConfidence: must be between 0 and 1, was 2.0"), problems);
    }

    private static String knownKeys(Class<? extends Record> type) {
        TreeSet<String> names = new TreeSet<>();
        for (var component : type.getRecordComponents()) {
            names.add(component.getName());
        }
        return names.toString();
    }

    @Test
    void aTwoTowerThatReadsContentNeedsTheContentModel() throws Exception {
        assertEquals(List.of("training.twoTower.content: reads the content model's vectors: needs training.content.enabled"),
                problems("""
                        training:
                          twoTower: {enabled: true, content: true}
                          content: {enabled: false}
                        """, Map.of()));
    }

    @Test
    void twoTowerMembersPoolByTheMean() throws Exception {
        assertEquals(List.of("training.twoTower.members: more than one member needs training.twoTower.pooling: mean, was attention"),
                problems("""
                        training:
                          twoTower: {members: 2, pooling: attention}
                        """, Map.of()));
    }

    @Test
    void anUnknownNameInAVocabularyListsTheNamesItTakes() throws Exception {
        List<String> problems = problems("""
                ranking:
                  objectives:
                    click: {grade: yes-or-no}
                  training:
                    kinds: [random, lates]
                  coldStart:
                    stages:
                      globl: {popularity: 1.0}
                rerank:
                  similarity: colour
                security:
                  keys:
                    ops: {keyEnv: SIEVE_OPS_KEY, scopes: [read, root]}
                """, Map.of());
        assertEquals(List.of(
                "ranking.coldStart.stages.globl: 'globl' is not one of [global, segment, onboarding, session, personalised]",
                "ranking.objectives.click.grade: 'yes-or-no' is not one of [binary, value]",
                "ranking.training.kinds[1]: 'lates' is not one of [random, latest]",
                "rerank.similarity: 'colour' is not one of [embedding, category]",
                "security.keys.ops.scopes[1]: 'root' is not one of [read, write, admin]"), problems);
    }

    @Test
    void anElementOfAListOrAMapIsReportedAtItsOwnKey() throws Exception {
        List<String> problems = problems("""
                features:
                  halfLivesDays: [1, -7]
                  timeZone: Mars/Base
                ranking:
                  coldStart:
                    stages:
                      global: {popularity: -1.0, nosuch: 1}
                rerank:
                  confidentSlots: 2
                exploration:
                  surfaces: {home: {type: epsilon, slots: [0, 2], epsilon: 2}}
                """, Map.of());
        assertEquals(List.of(
                "features.halfLivesDays[1]: must be greater than 0, was -7.0",
                "features.timeZone: must be a time zone such as UTC or Europe/Paris, was 'Mars/Base'",
                "ranking.coldStart.stages.global.popularity: must be greater than or equal to 0, was -1.0",
                "ranking.coldStart.stages.global.nosuch: no such source",
                "exploration.surfaces.home.slots: position 2 is one of the first rerank.confidentSlots (2), "
                        + "which only take confident items",
                "exploration.surfaces.home.slots[0]: positions start at 1, was 0",
                "exploration.surfaces.home.epsilon: must be between 0 and 1, was 2.0"), problems);
    }

    @Test
    void aKeyLeftEmptyIsReportedInsteadOfFailingLater() throws Exception {
        List<String> problems = problems("""
                security:
                rerank:
                  chain: [slate, ~]
                """, Map.of());
        assertEquals(List.of("rerank.chain[1]: must not be null", "security: must not be null"), problems);
    }

    @Test
    void aMisspeltEnvironmentVariableIsReportedByNameNeverByValue() {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "SIEVE_SERVER_PROT", "9090",
                "SIEVE_RANKNG_TYPE", "correct-horse-battery-staple",
                "SIEVE_LIMITS_TITLELENGTH", "0")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertEquals("limits.titleLength: must be greater than 0, was 0", e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("SIEVE_RANKNG_TYPE: names no configuration key"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith("SIEVE_SERVER_PROT: names no configuration key"), e.getMessage());
        assertTrue(e.problems().get(2).contains("SIEVE_SERVER_ + [HOST, PORT,"), "shows the keys of the group it meant: " + e.getMessage());
        assertTrue(e.problems().get(1).contains("SIEVE_DATA_DIR"), "names the launcher's variables: " + e.getMessage());
        assertFalse(e.getMessage().contains("correct-horse"), "a value may be a secret: " + e.getMessage());
    }

    @Test
    void theLaunchersVariablesAndApiKeySecretsAreNotConfigurationMistakes() throws Exception {
        Map<String, String> env = new HashMap<>();
        EnvironmentVariables.LAUNCHER.forEach(name -> env.put(name, "anything"));
        env.put("SIEVE_FRONTEND_KEY", "a-secret-of-twenty-chars");
        env.put("SIEVE_RETRIEVAL_SOURCES_ALS_WEIGHT", "0.5");
        env.put("SIEVE_RETRIEVAL_SOURCES_ALSWIDE_QUOTA", "600");
        env.put("PATH", "/usr/bin");
        Path file = Files.writeString(dir.resolve("sieve.yaml"), """
                security:
                  keys:
                    frontend: {keyEnv: SIEVE_FRONTEND_KEY, scopes: [read]}
                retrieval:
                  sources:
                    alsWide: {type: als, quota: 400, weight: 0.3}
                """);
        SieveConfig config = ConfigLoader.load(file, env);
        assertEquals(0.5, config.retrieval().sources().get("als").weight());
        assertEquals(600, config.retrieval().sources().get("alsWide").quota(), "a configured source of the open map");
        assertEquals("als", config.retrieval().sources().get("alsWide").type());
    }

    /** The launcher script is where new variables appear; each must be known here, or every command would refuse to start. */
    @Test
    void everyVariableTheLauncherReadsIsAllowed() throws Exception {
        Matcher names = Pattern.compile("\\bSIEVE_[A-Z_]+\\b").matcher(Files.readString(Path.of("../sieve")));
        TreeSet<String> read = new TreeSet<>();
        while (names.find()) {
            read.add(names.group());
        }
        assertFalse(read.isEmpty());
        assertTrue(EnvironmentVariables.LAUNCHER.containsAll(read), "not allowed: " + read);
    }

    @Test
    void changedSettingsReportEveryMistakeWithItsKey() {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of(
                "training.nope", "1",
                "ranking.type", "lerned",
                "rerank.window", "0")));
        assertEquals(List.of(
                "training.nope: no such configuration key",
                "ranking.type: 'lerned' is not one of [blend, learned]",
                "rerank.window: must be greater than 0, was 0"), e.problems());
    }
}
