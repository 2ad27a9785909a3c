package io.sieve.client;

import java.util.List;
import java.util.Map;

/**
 * How the funnel produced a list ({@code debug=true}); for people reading it, so the client does
 * not interpret it. Numbers the server may leave out are boxed.
 *
 * @param candidates candidates per retrieval source
 * @param timedOut   sources skipped for missing the deadline
 * @param failed     sources skipped because they failed
 * @param fallbacks  stages replaced by their fallback, with the cause
 * @param removedBy  candidates removed per filter
 * @param rankedBy   which ranker ordered the list, and why when it is not the configured one
 * @param coldStart  the user's stage: global, segment, onboarding, session or personalised
 */
public record Debug(String modelVersion, Map<String, Double> timingsMs, Map<String, Integer> candidates,
                    List<String> timedOut, List<String> failed, Integer merged, Integer afterFilter,
                    Map<String, Integer> removedBy, List<String> fallbacks, String coldStart, String rankedBy) {
}
