package io.sieve.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.experiment.stats.SampleRatio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final int USERS = 20_000;

    static SieveConfig config(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("sieve.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void stickyUniformAndOrthogonalAcrossLayers(@TempDir Path dir) throws IOException {
        Assigner assigner = new Assigner(config(dir, """
                experiments:
                  colour: {salt: c1, variants: {control: {weight: 0.5}, blue: {weight: 0.5, overlay: {rerank.lambda: 0.5}}}}
                  ranker: {salt: r1, layer: ranking, variants: {control: {weight: 0.8}, blend: {weight: 0.2, overlay: {ranking.type: blend}}}}
                """));
        Map<String, Integer> joint = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            Assignment a = assigner.assign("u" + u, "home", NOW);
            assertEquals(a, assigner.assign("u" + u, "home", NOW), "the same user, the same variants");
            joint.merge(a.variants().get("colour") + "/" + a.variants().get("ranker"), 1, Integer::sum);
            if ("blend".equals(a.variants().get("ranker"))) {
                assertEquals("blend", a.overlay().get("ranking.type"));
            }
        }
        // Independent layers: the four cells hold weight x weight of the users.
        long[] observed = {joint.get("control/control"), joint.get("control/blend"), joint.get("blue/control"), joint.get("blue/blend")};
        assertTrue(SampleRatio.pValue(observed, new double[] {0.4, 0.1, 0.4, 0.1}) > SampleRatio.THRESHOLD, joint.toString());
    }

    @Test
    void experimentsOfOneLayerShareNoUserAndTrafficLimitsWhoIsIn(@TempDir Path dir) throws IOException {
        Assigner assigner = new Assigner(config(dir, """
                experiments:
                  a: {salt: a, layer: home, traffic: 0.3, variants: {x: {weight: 0.5}, y: {weight: 0.5}}}
                  b: {salt: b, layer: home, traffic: 0.2, variants: {x: {weight: 0.5}, y: {weight: 0.5}}}
                """));
        int inA = 0;
        int inB = 0;
        for (int u = 0; u < USERS; u++) {
            Assignment a = assigner.assign("u" + u, "home", NOW);
            assertFalse(a.variants().containsKey("a") && a.variants().containsKey("b"), "one layer, one experiment");
            inA += a.variants().containsKey("a") ? 1 : 0;
            inB += a.variants().containsKey("b") ? 1 : 0;
        }
        assertEquals(0.3, inA / (double) USERS, 0.02);
        assertEquals(0.2, inB / (double) USERS, 0.02);
    }

    @Test
    void surfacesWindowsAndTheHoldout(@TempDir Path dir) throws IOException {
        Assigner assigner = new Assigner(config(dir, """
                holdout: {fraction: 0.1, salt: h, overlay: {ranking.type: blend}}
                experiments:
                  emails: {salt: e, surfaces: [email], variants: {x: {weight: 0.5}, y: {weight: 0.5}}}
                  later: {salt: l, start: 2027-01-01T00:00:00Z, variants: {x: {weight: 0.5}, y: {weight: 0.5}}}
                """));
        int heldOut = 0;
        for (int u = 0; u < USERS; u++) {
            Assignment home = assigner.assign("u" + u, "home", NOW);
            assertFalse(home.variants().containsKey("emails"));
            assertFalse(home.variants().containsKey("later"));
            Assignment email = assigner.assign("u" + u, "email", NOW);
            if ("holdout".equals(email.variants().get("holdout"))) {
                heldOut++;
                assertEquals(Map.of("holdout", "holdout"), email.variants(), "held-out users are in no experiment");
                assertEquals("blend", email.overlay().get("ranking.type"));
            } else {
                assertTrue(email.variants().containsKey("emails"));
            }
            assertTrue(assigner.assign("u" + u, "email", Instant.parse("2027-02-01T00:00:00Z")).variants().containsKey("later")
                    || "holdout".equals(email.variants().get("holdout")));
        }
        assertEquals(0.1, heldOut / (double) USERS, 0.01);
    }

    @Test
    void qaOverridesAreServedButMarkedForced(@TempDir Path dir) throws IOException {
        Assigner assigner = new Assigner(config(dir, """
                experiments:
                  ranker: {salt: r, variants: {control: {weight: 0.5}, blend: {weight: 0.5, overlay: {ranking.type: blend}}}}
                """));
        Assignment forced = assigner.force(assigner.assign("u1", "home", NOW), Map.of("ranker", "blend"));
        assertTrue(forced.forced());
        assertEquals("blend", forced.variants().get("ranker"));
        assertEquals("blend", forced.overlay().get("ranking.type"));
        assertNull(assigner.force(Assignment.NONE, Map.of("ranker", "control")).overlay().get("ranking.type"));
        assertThrows(UnknownVariantException.class, () -> assigner.force(Assignment.NONE, Map.of("ranker", "nope")));
        assertThrows(UnknownVariantException.class, () -> assigner.force(Assignment.NONE, Map.of("nope", "control")));
    }
}
