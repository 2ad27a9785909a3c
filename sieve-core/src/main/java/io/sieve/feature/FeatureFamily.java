package io.sieve.feature;

import io.sieve.config.SieveConfig;
import java.util.List;

/**
 * Features that share one source of information (the request's context, the user, the item, the
 * pair, the retrieval sources): each family declares its features, with their values and reasons,
 * for the pipeline a configuration describes.
 */
interface FeatureFamily {
    List<Feature> features(SieveConfig config);
}
