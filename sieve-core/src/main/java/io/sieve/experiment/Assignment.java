package io.sieve.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one request is served under: the variant of each experiment the user is in, the serving
 * settings their overlays add up to, and a pinned bundle version if a variant names one.
 *
 * @param variants experiment name to variant name; empty outside every experiment
 * @param overlay  dotted serving settings, sorted so that equal overlays share one pipeline
 * @param bundle   the bundle version to serve instead of the current one, or null
 * @param forced       chosen by a {@code variant} parameter for QA: served, but not an exposure
 * @param interleaving an interleaving experiment the user is in, whose two variants' lists are
 *                     merged (its entry in {@code variants} is {@link #INTERLEAVED}); null: none
 */
public record Assignment(Map<String, String> variants, Map<String, String> overlay, String bundle, boolean forced,
                         Interleaving interleaving) {
    public static final Assignment NONE = new Assignment(Map.of(), Map.of(), null, false, null);
    public static final String INTERLEAVED = "interleaved";

    /**
     * The two sides of an interleaving experiment: each variant's name (its team), its overlay
     * (laid over the rest of the assignment's) and its pinned bundle, or null.
     */
    public record Interleaving(String experiment, String salt, List<String> teams, List<Map<String, String>> overlays,
                               List<String> bundles) {
    }

    public Assignment(Map<String, String> variants, Map<String, String> overlay, String bundle, boolean forced) {
        this(variants, overlay, bundle, forced, null);
    }

    public Assignment {
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        overlay = Collections.unmodifiableMap(new TreeMap<>(overlay));
    }
}
