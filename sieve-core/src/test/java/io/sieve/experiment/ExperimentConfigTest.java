package io.sieve.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigException;
import io.sieve.config.ConfigLoader;
import io.sieve.config.RankingType;
import io.sieve.config.SieveConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `sieve validate` and a server's start say about experiments. */
class ExperimentConfigTest {
    @Test
    void everyMistakeIsReportedWithItsKey(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> AssignerTest.config(dir, """
                experiments:
                  broken:
                    salt: s
                    control: missing
                    start: 2027-01-02T00:00:00Z
                    end: 2027-01-01T00:00:00Z
                    variants:
                      a: {weight: 0.5, overlay: {ranking.typo: blend}}
                      b: {weight: 0.6, overlay: {server.port: 9999, rerank.lambda: 7}}
                  lonely: {salt: t, layer: shared, traffic: 0.7, variants: {only: {weight: 1.0}}}
                  crowded: {salt: u, layer: shared, traffic: 0.6, variants: {a: {weight: 0.5}, b: {weight: 0.5}}}
                  threeway: {salt: v, kind: interleaving, variants: {a: {weight: 0.4}, b: {weight: 0.3}, c: {weight: 0.3}}}
                rollout: {canary: {guardrails: [ctr, latency]}}
                """));
        String all = String.join("\n", e.problems());
        List.of("experiments.broken.variants: weights must sum to 1",
                "experiments.broken.control: names no variant",
                "experiments.broken.end: must be after start",
                "experiments.broken.variants.b.overlay.server.port: only serving settings",
                "experiments.broken.variants.a.overlay.ranking.typo: no such configuration key",
                "experiments.broken.variants.b.overlay.rerank.lambda",
                "experiments.lonely.variants: needs at least two variants",
                "layer 'shared' take 1.3 of its users",
                "experiments.threeway.variants: interleaving merges exactly two variants' lists, has 3",
                "rollout.canary.guardrails: 'latency' is not a metric")
                .forEach(expected -> assertTrue(all.contains(expected), "missing '" + expected + "' in:\n" + all));
    }

    @Test
    void aVariantIsTheDefaultWithItsOverlay(@TempDir Path dir) throws IOException {
        SieveConfig config = AssignerTest.config(dir, """
                experiments:
                  ranker: {salt: r, variants: {control: {weight: 0.5}, blend: {weight: 0.5, overlay: {ranking.type: blend, rerank.chain: [slate]}}}}
                """);
        var blend = config.experiments().get("ranker").variants().get("blend");
        SieveConfig variant = ConfigLoader.forVariant(config, blend.settings());
        assertEquals(RankingType.blend, variant.ranking().type());
        assertEquals(List.of("slate"), variant.rerank().chain());
        assertTrue(variant.experiments().isEmpty());
        assertEquals(config.retrieval(), variant.retrieval());
    }

    @Test
    void aVariantThatChangesTheRankersFeaturesNeedsARankerTrainedForThem(@TempDir Path dir) throws IOException {
        SieveConfig config = AssignerTest.config(dir, """
                experiments:
                  features:
                    salt: f
                    variants:
                      control: {weight: 0.25}
                      shorter: {weight: 0.25, overlay: {features.halfLivesDays: [7]}}
                      pinned: {weight: 0.25, bundle: v-2}
                      blend: {weight: 0.25, overlay: {features.halfLivesDays: [7], ranking.type: blend}}
                """);
        List<String> problems = VariantPipelines.schemaProblems(config, version -> "trained-on-something-else");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("experiments.features.variants.shorter.overlay: changes the ranker's features"));
        assertTrue(problems.get(1).startsWith("experiments.features.variants.pinned.bundle: the ranker of bundle 'v-2'"));
    }
}
