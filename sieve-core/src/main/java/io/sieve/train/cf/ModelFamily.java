package io.sieve.train.cf;

import io.sieve.ann.AnnParams;
import io.sieve.config.SieveConfig.TrainingConfig;
import java.util.List;

/**
 * A kind of trained retrieval model (ALS, BPR, EASE, ...), found by name through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.sieve.train.ModelFamily}): it says
 * whether the configuration asks for it, fits it to the interactions, names the bundle format its
 * model is stored in (a {@code io.sieve.bundle.ModelFormat} of the same name), and says what
 * {@code sieve tune} may change. A new model is its family, its format, and a retriever that reads
 * it from the bundle ({@code bundle.models().get(name, type)}).
 */
public interface ModelFamily {
    /** The family's name, its format's and its key in the bundle. */
    String name();

    boolean enabled(TrainingConfig config);

    /** @return what the bundle holds for the model: the type its format writes */
    Object fit(InteractionMatrix interactions, TrainingConfig config, AnnParams ann);

    /** The same, for a family that also reads the items' and users' attributes. */
    default Object fit(InteractionMatrix interactions, CatalogAttributes attributes, TrainingConfig config, AnnParams ann) {
        return fit(interactions, config, ann);
    }

    /** The configuration keys {@code sieve tune --model NAME} searches, with their ranges. */
    List<Tunable> tunables();

    /**
     * One hyper-parameter: a log-uniform range ({@code low} to {@code high}) or, when {@code choices}
     * is not empty, one of those values.
     */
    record Tunable(String key, double low, double high, List<String> choices) {
        public static Tunable log(String key, double low, double high) {
            return new Tunable(key, low, high, List.of());
        }

        public static Tunable choice(String key, String... values) {
            return new Tunable(key, 0, 0, List.of(values));
        }
    }
}
