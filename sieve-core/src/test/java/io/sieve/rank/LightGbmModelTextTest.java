package io.sieve.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.bundle.rank.LightGbmModelText;
import io.sieve.bundle.rank.RankerModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A damaged model text is refused before LightGBM's parser, which trusts it, can see it. */
class LightGbmModelTextTest {
    private static final String MODEL = TestModels.binary(6, 15, 12);

    @Test
    void anIntactModelPasses() {
        assertEquals(Optional.empty(), LightGbmModelText.problem(MODEL));
    }

    @Test
    void everyTruncationIsCaught() {
        for (int cut = 1; cut < MODEL.length(); cut += Math.max(1, MODEL.length() / 97)) {
            String truncated = MODEL.substring(0, cut);
            if (!truncated.contains("end of trees")) {
                assertTrue(LightGbmModelText.problem(truncated).isPresent(), "cut at " + cut);
            }
        }
    }

    @Test
    void aTreeThatChangedSizeIsCaught() {
        String edited = MODEL.replaceFirst("num_leaves=15", "num_leaves=1500");
        assertTrue(LightGbmModelText.problem(edited).orElseThrow().contains("tree 1"), LightGbmModelText.problem(edited).toString());
    }

    @Test
    void aRankerModelRefusesADamagedTextWithTheReason() {
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RankerModel(names, "test", Map.of("click", MODEL.substring(0, MODEL.length() / 2))));
        assertTrue(e.getMessage().contains("ranker model 'click' cannot be loaded"), e.getMessage());
    }
}
