package io.sieve.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A slate as it was served: which items, in which positions, and the exact feature values the
 * ranker scored them with. Later events carrying the request id (or falling inside the attribution
 * window) label it, so that the next ranker is trained on what serving saw, not on a recomputation.
 *
 * @param timestamp     the moment the features were computed for
 * @param featureSchema fingerprint of the feature list the values follow; rows of another schema are not mixed in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Impression(String requestId, String user, Instant timestamp, String surface, String device,
                         String modelVersion, String featureSchema, List<Shown> items) {

    public Impression {
        items = List.copyOf(items);
    }

    /**
     * One shown item; {@code features} is null when the slate was not ranked by the learned ranker.
     *
     * @param propensity the probability with which the policy chose this item for this position
     *                   (1 for positions that do not explore): the weight IPS / SNIPS estimators need
     */
    public record Shown(String item, int position, double score, double propensity, float[] features) {
    }
}
