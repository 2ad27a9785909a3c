package io.sieve.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The answer to a request: the slate, and with {@code debug=true} how the funnel produced it.
 *
 * @param experiments the user's variant of each experiment that served this slate (null: none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendations(String requestId, List<RecommendedItem> items, Debug debug,
                              @JsonIgnore Impression impression, Map<String, String> experiments) {

    /** The same answer without its debug section, as returned to a caller who did not ask for it. */
    public Recommendations withoutDebug() {
        List<RecommendedItem> plain = items.stream()
                .map(i -> new RecommendedItem(i.id(), i.score(), i.sources(), i.reason(), null, i.title(), i.categories(),
                        i.attributes())).toList();
        return new Recommendations(requestId, plain, null, impression, experiments);
    }

    /**
     * The same answer served under these variants; the impression records them as exposures
     * unless {@code exposed} is false (a variant forced for QA, or a slate with nothing in it).
     */
    public Recommendations inExperiments(Map<String, String> variants, boolean exposed) {
        if (variants.isEmpty()) {
            return this;
        }
        return new Recommendations(requestId, items, debug, exposed ? impression.withExperiments(variants) : impression, variants);
    }

    /** The catalog fields a caller may ask to have on each item ({@code include=title,categories}). */
    public static final List<String> ITEM_FIELDS = List.of("title", "categories", "attributes");

    /**
     * The same answer with these catalog fields ({@link #ITEM_FIELDS}) on each item, so that a
     * caller showing titles needs no request per item. An item the catalog no longer holds is left
     * without them.
     */
    public Recommendations withItemFields(Function<String, Optional<Item>> catalog, Set<String> fields) {
        if (fields.isEmpty()) {
            return this;
        }
        List<RecommendedItem> detailed = items.stream()
                .map(i -> catalog.apply(i.id()).map(item -> i.withFields(item, fields)).orElse(i)).toList();
        return new Recommendations(requestId, detailed, debug, impression, experiments);
    }

    /**
     * One shown item: its final score, every source that proposed it, and why it is here; with
     * debug, the features that moved the learned ranker's score most (SHAP contributions); with
     * {@code include}, the catalog fields asked for.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecommendedItem(String id, double score, List<String> sources, String reason,
                                  Map<String, Double> explanation, String title, List<String> categories,
                                  Map<String, Object> attributes) {

        public RecommendedItem(String id, double score, List<String> sources, String reason, Map<String, Double> explanation) {
            this(id, score, sources, reason, explanation, null, null, null);
        }

        RecommendedItem withFields(Item item, Set<String> fields) {
            return new RecommendedItem(id, score, sources, reason, explanation,
                    fields.contains("title") ? item.title() : title,
                    fields.contains("categories") ? item.categories() : categories,
                    fields.contains("attributes") ? item.attributes() : attributes);
        }
    }

    /**
     * @param timingsMs  milliseconds spent per stage
     * @param candidates candidates proposed per source
     * @param timedOut   sources skipped because they missed the deadline
     * @param failed     sources skipped because they threw
     * @param fallbacks  stages that failed and were replaced by their fallback, with the error
     * @param removedBy  candidates removed per filter
     * @param rankedBy   which ranker ordered the list, and why when it is not the configured one
     * @param coldStart  the user's stage on the cold-start chain (global, segment, onboarding, session, personalised)
     */
    public record Debug(String modelVersion, Map<String, Double> timingsMs, Map<String, Integer> candidates,
                        List<String> timedOut, List<String> failed, List<String> fallbacks, int merged, int afterFilter,
                        Map<String, Integer> removedBy, String rankedBy, String coldStart) {
    }
}
