package io.sieve.rank;

import io.sieve.bundle.rank.RankerModel;
import java.util.Map;

/**
 * Told what the learned ranker scored for each request: the server compares these rows with the
 * model's training rows to see drift. Runs on the request path, so it must be quick and must not
 * keep {@code rows}, which the ranker reuses.
 */
@FunctionalInterface
public interface RankingObserver {
    RankingObserver NONE = (model, rows, count, scores) -> { };

    /**
     * @param rows   row-major feature rows, {@code model.features().size()} values each
     * @param scores each objective's raw score of each row
     */
    void scored(RankerModel model, float[] rows, int count, Map<String, double[]> scores);
}
