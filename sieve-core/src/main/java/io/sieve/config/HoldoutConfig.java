package io.sieve.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;

/**
 * A long-term holdout ({@code holdout}): a fixed share of users who are in no experiment and are
 * served a fixed baseline, so that the sum of many shipped changes can be measured against it
 * months later. Reported as the experiment {@code holdout}, variant {@code holdout} against
 * {@code rest} (everyone else, whatever they were served).
 *
 * @param fraction share of users held out; 0 turns it off
 * @param salt     mixed into the hash; keep it for the holdout's whole life
 * @param overlay  the baseline, as dotted serving settings, like an experiment variant's overlay
 */
public record HoldoutConfig(@Range(min = 0, max = 1) double fraction, @NotBlank String salt, @NotNull Map<String, Object> overlay) {
    public static final String NAME = "holdout";
    public static final String HELD_OUT = "holdout";
    public static final String REST = "rest";

    /** The holdout as an experiment of two arms, for assignment and analysis. */
    public ExperimentConfig asExperiment() {
        Map<String, ExperimentConfig.Variant> arms = new LinkedHashMap<>();
        arms.put(REST, new ExperimentConfig.Variant(1 - fraction, Map.of(), null));
        arms.put(HELD_OUT, new ExperimentConfig.Variant(fraction, overlay, null));
        return new ExperimentConfig(salt, NAME, 1.0, List.of(), null, null, REST, arms, ExperimentKind.abtest);
    }
}
