package io.sieve.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Replaying the packed trail gives the statistics that applying the events themselves gives. */
class EventTrailTest {
    private static final SieveConfig CONFIG = ConfigLoader.defaults();

    @Test
    void aReplayedTrailCountsWhatTheEventsCount() throws IOException {
        List<Event> log = log(new SplittableRandom(3), 3_000);
        EventTrail trail = EventTrail.of(log::forEach);
        assertEquals(log.size(), trail.size());

        Instant middle = log.get(log.size() / 2).timestamp();
        ItemStatistics direct = ItemStatistics.of(CONFIG);
        log.stream().filter(e -> !e.timestamp().isAfter(middle)).forEach(direct::apply);
        ItemStatistics replayed = ItemStatistics.of(CONFIG);
        StatisticsReplay replay = new StatisticsReplay(replayed, trail, List.of());
        assertArrayEquals(bytes(direct), bytes(replay.advanceTo(middle)), "up to the middle, its own millisecond included");

        log.stream().filter(e -> e.timestamp().isAfter(middle)).forEach(direct::apply);
        assertArrayEquals(bytes(direct), bytes(replay.advanceTo(Instant.MAX)), "to the end");
    }

    /** Every kind of event the statistics tell apart: weights of both signs, conversions, values, responses. */
    private static List<Event> log(SplittableRandom random, int n) {
        String[] types = {"view", "click", "purchase", "skip", "rating", "like"};
        List<Event> log = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String type = types[random.nextInt(types.length)];
            Double value = type.equals("rating") ? (double) (1 + random.nextInt(5)) : null;
            String requestId = random.nextInt(4) == 0 ? "r" + random.nextInt(50) : null;
            log.add(new Event("u" + random.nextInt(30), "i" + random.nextInt(80), type, value,
                    Instant.ofEpochMilli(1_700_000_000_000L + k / 3 * 1_000L), requestId, null));
        }
        return log;
    }

    private static byte[] bytes(ItemStatistics statistics) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        statistics.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
