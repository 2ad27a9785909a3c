package io.sieve.eval;

import java.util.List;
import java.util.Map;

/**
 * The result of one evaluation run: one row per evaluated configuration (the blended pipeline,
 * or each source alone), plus each source's candidate recall at its quota.
 *
 * @param metrics         "NDCG@10" -> value, in a stable order
 * @param candidateRecall source -> recall of its quota-sized candidate list
 * @param ranker          the learned ranker's training report from the evaluated bundle, or null
 */
public record EvalReport(String dataset, String protocol, int trainEvents, int testUsers, int catalogItems,
                         List<Row> rows, Map<String, CandidateRecall> candidateRecall, Object ranker, double seconds) {

    /**
     * @param curves "popularityDeciles": share of the rows's slots (at the first cut-off) by the
     *               catalog's popularity decile, the most popular first; "hitRateByPosition": share
     *               of test users whose item at each position is one they chose
     */
    public record Row(String name, Map<String, Double> metrics, Map<String, List<Double>> curves) {
        public Row(String name, Map<String, Double> metrics) {
            this(name, metrics, Map.of());
        }
    }

    public record CandidateRecall(int quota, double recall) {
    }
}
