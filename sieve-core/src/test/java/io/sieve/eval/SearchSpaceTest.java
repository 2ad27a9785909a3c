package io.sieve.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    @Test
    void samplesAreReproducibleInRangeAndValidConfigurations() {
        SearchSpace als = SearchSpace.forModel("als");
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            Map<String, String> point = als.sample(a);
            assertEquals(point, als.sample(b));
            double reg = Double.parseDouble(point.get("training.als.regularization"));
            assertTrue(reg >= 0.1 && reg <= 300, point.toString());
            assertTrue(Set.of("32", "64", "128").contains(point.get("training.als.factors")));
            ConfigLoader.withSettings(ConfigLoader.defaults(), point);
        }
    }

    @Test
    void perturbationStaysNearTheBestAndInsideTheRange() {
        SearchSpace ease = SearchSpace.forModel("ease");
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            double lambda = Double.parseDouble(ease.perturb(Map.of("training.ease.lambda", "4000"), random).get("training.ease.lambda"));
            assertTrue(lambda >= 2000 && lambda <= 5000, "lambda " + lambda);
        }
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.forModel("popularity"));
    }
}
