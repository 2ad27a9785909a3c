package io.sieve.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one request is served under: the variant of each experiment the user is in, the serving
 * settings their overlays add up to, and a pinned bundle version if a variant names one.
 *
 * @param variants experiment name to variant name; empty outside every experiment
 * @param overlay  dotted serving settings, sorted so that equal overlays share one pipeline
 * @param bundle   the bundle version to serve instead of the current one, or null
 * @param forced   chosen by a {@code variant} parameter for QA: served, but not an exposure
 */
public record Assignment(Map<String, String> variants, Map<String, String> overlay, String bundle, boolean forced) {
    public static final Assignment NONE = new Assignment(Map.of(), Map.of(), null, false);

    public Assignment {
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        overlay = Collections.unmodifiableMap(new TreeMap<>(overlay));
    }
}
