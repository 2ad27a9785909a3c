package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.eval.Evaluator;
import io.sieve.eval.StratifiedRandomSplit;
import io.sieve.model.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time features read the data's own clock, not the machine's: the same log served as if it ended
 * yesterday and as if it ended ten years ago gives the same quality as served. The learned ranker
 * is served whatever its validation says (ranking.gate off), since its time-window features are
 * what a wrong clock would break.
 */
class DataClockTest {
    private static final Path DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));
    private static final Duration TEN_YEARS = Duration.ofDays(3652);

    @TempDir
    Path dir;

    @Test
    void theSameLogShiftedTenYearsIntoThePastIsServedAsWell() {
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(),
                Map.of("ranking.gate", "false", "ranking.training.maxRequests", "400",
                        // A busy build machine must not skip a source in one run and not the other.
                        "retrieval.deadlineMs", "60000", "ranking.deadlineMs", "60000"));
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = SieveCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("import", "--data-dir", dir.toString(), "--format", "movielens-100k",
                "--path", DATA.resolve("ml-100k").toString(), "--quiet"), err.toString());
        EvaluationData data = EvaluationData.load(config, dir, null);
        Instant newest = data.events().stream().map(Event::timestamp).max(Comparator.naturalOrder()).orElseThrow();
        Duration toYesterday = Duration.between(newest, Instant.now().minus(Duration.ofDays(1)));

        double endingYesterday = servedNdcg(config, data, shifted(data.events(), toYesterday));
        double tenYearsEarlier = servedNdcg(config, data, shifted(data.events(), toYesterday.minus(TEN_YEARS)));
        assertTrue(Math.abs(endingYesterday - tenYearsEarlier) <= 0.005,
                "NDCG@10 as served: " + endingYesterday + " ending yesterday, " + tenYearsEarlier + " ten years earlier");
    }

    private static List<Event> shifted(List<Event> events, Duration by) {
        return events.stream().map(e -> new Event(e.user(), e.item(), e.type(), e.value(), e.timestamp().plus(by),
                e.requestId(), e.surface())).toList();
    }

    private static double servedNdcg(SieveConfig config, EvaluationData data, List<Event> events) {
        var split = new StratifiedRandomSplit(0.75, 42).split(events, config.types());
        Evaluator evaluator = new Evaluator(data.items(), data.users(), List.of(10));
        return evaluator.evaluate("default", config, evaluator.prepare(config, split), Evaluator.Mode.AS_SERVED)
                .metrics().get("NDCG@10");
    }
}
