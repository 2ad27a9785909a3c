package io.sieve.feature;

import io.sieve.config.SieveConfig;
import java.util.List;

/** The request's context: hour, weekday, surface and device. None of them is a reason. */
final class ContextFeatures implements FeatureFamily {
    @Override
    public List<Feature> features(SieveConfig config) {
        return List.of(
                Feature.numeric("ctx_hour", (r, c) -> r.hour),
                // A category, not a magnitude: Sunday is not "more" than Monday, and a log whose dates are
                // shifted by whole days then trains the same model with its days relabelled.
                Feature.category("ctx_weekday", (r, c) -> r.weekday),
                // An unknown surface or device is missing (NaN), the one value all others share.
                Feature.category("ctx_surface", (r, c) -> r.surface < 0 ? Double.NaN : r.surface),
                Feature.category("ctx_device", (r, c) -> r.device < 0 ? Double.NaN : r.device));
    }
}
