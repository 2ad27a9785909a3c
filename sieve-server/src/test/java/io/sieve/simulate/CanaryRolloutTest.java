package io.sieve.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.store.Store;
import io.sieve.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary rollouts in the closed loop: on the second simulated day a new bundle is published; the
 * server serves it to 30% of users beside the stable one and judges it at the end of every day. A
 * broken bundle (popularity only: a training that lost every personal model) is rolled back before
 * the simulation ends, and CURRENT points at the stable bundle again; a freshly retrained one is
 * promoted.
 */
class CanaryRolloutTest extends WorldTest {
    /**
     * The candidate's training clock: its version salts the canary's split of users, so a version
     * taken from the wall clock would put different users in the canary on every run.
     */
    private static final Clock CANDIDATE = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Simulation.Report simulate(String name, BiFunction<SieveConfig, Store, ModelBundle> candidate) throws Exception {
        // Judged only at the simulated day's end (the simulator's reload), never by the clock.
        SieveConfig config = ConfigLoader.load(Files.writeString(dir.resolve(name + ".yaml"), """
                server: {bundlePollSeconds: 3600}
                ranking: {type: blend}
                training: {content: {enabled: false}, ease: {enabled: false}}
                retrieval: {deadlineMs: 10000, sources: {ease: {enabled: false}}}
                experimentAnalysis: {tuningUsers: 600}
                rollout: {canary: {fraction: 0.3, minImpressions: 300, margin: 0.4, checkSeconds: 3600, maxDuration: PT1H}}
                """), Map.of());
        var settings = new Simulation.Settings(600, 5, 14, 1.0, 1.0, 10, 0.5, ClickModel.DEFAULT, 21);
        return new Simulation(config, settings, line -> { }).run(world, Files.createDirectory(dir.resolve(name)), (day, store, workDir) -> {
            if (day == 2) {
                new BundleStore(workDir).publish(candidate.apply(config, store), config.training().bundlesToKeep());
            }
        }, store -> { });
    }

    private static List<String> decisions(Simulation.Report report) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : report.rollout().path("decisions")) {
            out.add(d.path("decision").asText() + " " + d.path("version").asText() + ": " + d.path("reason").asText());
        }
        return out;
    }

    @Test
    void aBrokenBundleIsRolledBackBeforeItsCanaryEnds() throws Exception {
        Simulation.Report report = simulate("broken", (config, store) -> new Trainer(config, CANDIDATE).trainPopularityOnly(store));
        List<String> decisions = decisions(report);
        System.out.println("broken bundle: " + decisions + ", served after each day: " + report.served());
        assertEquals(2, decisions.size(), decisions.toString());
        assertTrue(decisions.get(0).startsWith("started"), decisions.toString());
        assertTrue(decisions.get(1).startsWith("rolled back") && decisions.get(1).contains("ctr is significantly worse"), decisions.toString());
        String stable = report.served().get(0);
        assertTrue(report.served().stream().allMatch(stable::equals), "the stable bundle served everyone else throughout: " + report.served());
        assertTrue(report.rollout().path("canary").isMissingNode(), "no canary is left running");
    }

    @Test
    void aGoodBundleIsPromoted() throws Exception {
        Simulation.Report report = simulate("good", (config, store) -> new Trainer(config, CANDIDATE).train(store));
        List<String> decisions = decisions(report);
        System.out.println("retrained bundle: " + decisions + ", served after each day: " + report.served());
        assertEquals(2, decisions.size(), decisions.toString());
        assertTrue(decisions.get(1).startsWith("promoted"), decisions.toString());
        assertNotEquals(report.served().get(0), report.served().getLast(), "the new bundle serves everyone at the end");
    }
}
