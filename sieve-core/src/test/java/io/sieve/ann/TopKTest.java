package io.sieve.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class TopKTest {
    private static final int COUNT = 20_000;

    @Test
    void bothScanOrdersKeepTheSameBestItems() {
        double[] scores = new Random(3).doubles(COUNT).toArray();
        for (IntPredicate accept : List.<IntPredicate>of(i -> true, i -> i % 3 != 0, i -> i % 97 == 0)) {
            List<Neighbour> filterFirst = TopK.scan(COUNT, 50, accept, i -> scores[i]);
            List<Neighbour> scoreFirst = TopK.scanScoringFirst(COUNT, 50, accept, i -> scores[i]);
            assertEquals(filterFirst, scoreFirst);
            assertTrue(filterFirst.stream().allMatch(n -> accept.test(n.item())));
        }
    }

    @Test
    void scoringFirstAsksTheFilterOnlyAboutItemsThatWouldEnter() {
        double[] scores = new Random(5).doubles(COUNT).toArray();
        AtomicInteger asked = new AtomicInteger();
        TopK.scanScoringFirst(COUNT, 50, i -> asked.incrementAndGet() > 0 && i % 3 != 0, i -> scores[i]);
        // In random order about k·ln(count/k) items ever enter a list of k: a few hundred of 20,000.
        assertTrue(asked.get() < COUNT / 10, "asked " + asked.get());
    }
}
