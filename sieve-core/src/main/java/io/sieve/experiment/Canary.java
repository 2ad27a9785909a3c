package io.sieve.experiment;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.ExperimentConfig;
import io.sieve.config.ExperimentKind;
import io.sieve.config.RolloutConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle on trial: served to a share of users, the others keep the stable bundle. It is an
 * experiment like any other ({@code rollout-<version>}, variants {@code stable} and {@code canary}),
 * so its exposures are logged, analysed and reported the same way.
 */
public record Canary(String version, String stableVersion, ModelBundle candidate, RolloutConfig.Canary settings) {
    public static final String STABLE = "stable";
    public static final String CANARY = "canary";
    public static final String PREFIX = "rollout-";

    public String experiment() {
        return PREFIX + version;
    }

    /** The canary as an experiment: the stable arm is the control. */
    public ExperimentConfig asExperiment() {
        Map<String, ExperimentConfig.Variant> arms = new LinkedHashMap<>();
        arms.put(STABLE, new ExperimentConfig.Variant(1 - settings.fraction(), Map.of(), null));
        arms.put(CANARY, new ExperimentConfig.Variant(settings.fraction(), Map.of(), version));
        return new ExperimentConfig(salt(), "rollout", 1.0, List.of(), null, null, STABLE, arms, ExperimentKind.abtest);
    }

    /** Each canary splits users afresh: one that failed does not leave its users marked for the next. */
    String salt() {
        return settings.salt() + ":" + version;
    }

    boolean serves(String user) {
        return Bucketing.unit(salt(), user) < settings.fraction();
    }
}
