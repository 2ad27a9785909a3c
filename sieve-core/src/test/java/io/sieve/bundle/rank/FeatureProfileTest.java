package io.sieve.bundle.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decile bins of training values and the population stability index of serving's counts in them. */
class FeatureProfileTest {

    @Test
    void theSameDistributionScoresNearZeroAndAShiftedOneFarAboveTheThreshold() {
        Random random = new Random(7);
        float[] training = new float[20_000];
        double[] scores = new double[training.length];
        for (int i = 0; i < training.length; i++) {
            training[i] = (float) random.nextGaussian();
            scores[i] = random.nextDouble();
        }
        FeatureProfile profile = FeatureProfile.of(List.of("x"), training, training.length, "click", scores);
        FeatureProfile.Bins bins = profile.bins().getFirst();
        assertEquals(9, bins.edges().length, "deciles of a continuous feature");

        long[] same = new long[bins.size()];
        long[] shifted = new long[bins.size()];
        for (int i = 0; i < 5_000; i++) {
            same[bins.bin(random.nextGaussian())]++;
            shifted[bins.bin(random.nextGaussian() + 1)]++;
        }
        assertTrue(bins.psi(same, 0) < 0.02, "same distribution: " + bins.psi(same, 0));
        assertTrue(bins.psi(shifted, 0) > 0.5, "shifted by one deviation: " + bins.psi(shifted, 0));
    }

    @Test
    void aFewValuedFeatureGetsFewerBinsAndMissingValuesTheirOwn() {
        float[] flags = {0, 0, 0, 1, 1, Float.NaN, 0, 1, 0, 0};
        FeatureProfile profile = FeatureProfile.of(List.of("flag"), flags, flags.length, "click", new double[flags.length]);
        FeatureProfile.Bins bins = profile.bins().getFirst();
        assertEquals(2, bins.edges().length);
        assertEquals(bins.size() - 1, bins.bin(Double.NaN));
        assertEquals(0.1, bins.shares()[bins.size() - 1], 1e-9);
        long[] noneMissing = new long[bins.size()];
        noneMissing[bins.bin(0)] = 60;
        noneMissing[bins.bin(1)] = 30;
        assertTrue(bins.psi(noneMissing, 0) > 0.1 * Math.log(0.1 / 1e-4), "a bin emptied in serving counts, bounded by the floor");
    }

    @Test
    void theProfileSurvivesTheBundlesJson() throws Exception {
        float[] rows = {1, 2, 3, 4, 5, 6};
        FeatureProfile profile = FeatureProfile.of(List.of("a", "b"), rows, 3, "click", new double[] {0.1, 0.2, 0.3});
        FeatureProfile read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(profile), FeatureProfile.class);
        assertEquals(profile.features(), read.features());
        assertEquals("click", read.scoreObjective());
        assertEquals(profile.bins().get(1).bin(4.5), read.bins().get(1).bin(4.5));
        assertTrue(!read.isEmpty());
    }
}
