package io.sieve.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The answer to a request: the slate, and with {@code debug=true} how the funnel produced it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendations(String requestId, List<RecommendedItem> items, Debug debug) {

    /** One shown item: its final score, every source that proposed it, and why it is here. */
    public record RecommendedItem(String id, double score, List<String> sources, String reason) {
    }

    /**
     * @param timingsMs  milliseconds spent per stage
     * @param candidates candidates proposed per source
     * @param timedOut   sources skipped because they missed the deadline
     * @param failed     sources skipped because they threw
     * @param fallbacks  stages that failed and were replaced by their fallback, with the error
     * @param removedBy  candidates removed per filter
     */
    public record Debug(String modelVersion, Map<String, Double> timingsMs, Map<String, Integer> candidates,
                        List<String> timedOut, List<String> failed, List<String> fallbacks, int merged, int afterFilter,
                        Map<String, Integer> removedBy) {
    }
}
