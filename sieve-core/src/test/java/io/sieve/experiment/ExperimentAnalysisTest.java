package io.sieve.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.InMemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results computed from logs written by hand, where every count is known. */
class ExperimentAnalysisTest {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    private static SieveConfig config(Path dir, double weightA) throws IOException {
        return AssignerTest.config(dir, """
                experiments:
                  test: {salt: s, variants: {a: {weight: %s}, b: {weight: %s}}}
                """.formatted(weightA, 1 - weightA));
    }

    /** {@code users} users per variant; a user of variant b clicks on every list, of a on every other one. */
    private static InMemoryStore logs(int usersA, int usersB) {
        InMemoryStore store = new InMemoryStore();
        List<Impression> impressions = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Random random = new Random(3);
        for (int u = 0; u < usersA + usersB; u++) {
            String variant = u < usersA ? "a" : "b";
            String user = "u" + u;
            int before = random.nextInt(5);
            for (int e = 0; e < before; e++) {
                events.add(Event.of(user, "old" + e, "view", T.minusSeconds(86_400L * (e + 1))));
            }
            for (int list = 0; list < 4; list++) {
                String request = user + "-" + list;
                Instant at = T.plusSeconds(3_600L * list);
                impressions.add(new Impression(request, user, at, "home", null, "m", null,
                        List.of(new Impression.Shown("i" + list, 1, 1.0, 1.0, null), new Impression.Shown("j" + list, 2, 0.5, 1.0, null)),
                        Map.of("test", variant), 12.0 + list, list == 3, null));
                if (variant.equals("b") || list % 2 == 0) {
                    events.add(new Event(user, "i" + list, "click", null, at.plusSeconds(5), request, "home"));
                }
            }
            // Not in the experiment: an impression without exposure, and a click on it.
            impressions.add(new Impression("qa-" + user, user, T, "home", null, "m", null,
                    List.of(new Impression.Shown("x", 1, 1, 1, null))));
            events.add(new Event(user, "x", "click", null, T.plusSeconds(1), "qa-" + user, "home"));
        }
        store.logImpressions(impressions);
        store.appendEvents(events);
        return store;
    }

    @Test
    void countsExposuresAndClicksByRequestId(@TempDir Path dir) throws IOException {
        try (InMemoryStore store = logs(300, 300)) {
            ExperimentResults r = new ExperimentAnalysis(config(dir, 0.5), store).results("test").orElseThrow();
            var a = r.variants().get("a");
            var b = r.variants().get("b");
            assertEquals(300, a.users());
            assertEquals(1_200, a.impressions());
            assertEquals(600, a.clicks());
            assertEquals(1_200, b.clicks());
            assertEquals(0.5, a.ctr().value(), 1e-12);
            assertEquals(1.0, b.ctr().value(), 1e-12);
            assertEquals(0.25, a.guardrails().fallbackRate(), 1e-12);
            assertEquals(15.0, a.guardrails().p99LatencyMs(), 1e-12);
            var ctr = r.comparisons().stream().filter(c -> c.metric() == Metric.ctr).findFirst().orElseThrow();
            assertEquals("b", ctr.variant());
            assertEquals("a", ctr.against());
            assertEquals(0.5, ctr.lift().value(), 1e-12);
            assertEquals(1.0, ctr.relativeLift().value(), 1e-12);
            assertTrue(ctr.significant() && ctr.better());
            assertTrue(r.srm().ok() && r.trustworthy());
        }
    }

    @Test
    void aSplitServedAwayFromItsWeightsIsFlagged(@TempDir Path dir) throws IOException {
        try (InMemoryStore store = logs(1_100, 900)) {
            ExperimentResults r = new ExperimentAnalysis(config(dir, 0.5), store).results("test").orElseThrow();
            assertFalse(r.srm().ok());
            assertFalse(r.trustworthy());
            assertTrue(new ExperimentAnalysis(config(dir, 0.55), store).results("test").orElseThrow().srm().ok());
        }
    }
}
