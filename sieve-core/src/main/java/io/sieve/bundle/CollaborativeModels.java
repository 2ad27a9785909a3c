package io.sieve.bundle;

import io.sieve.ann.VectorIndex;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.BprModel;
import io.sieve.bundle.cf.CleoraModel;
import io.sieve.bundle.cf.EaseModel;
import io.sieve.bundle.cf.TwoTowerModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trained retrieval models of a bundle, by the name of the model family that trained them
 * ({@code io.sieve.train.ModelFamily}); a model not trained (disabled, or no data) is absent, and
 * the retrievers built on it then propose nothing. The built-in families have typed accessors.
 */
public record CollaborativeModels(Map<String, Object> byFamily) {
    public static final CollaborativeModels NONE = new CollaborativeModels(Map.of());

    public CollaborativeModels {
        byFamily = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFamily));
    }

    /** The model of family {@code name}, or null when the bundle has none. */
    public <T> T get(String name, Class<T> type) {
        Object model = byFamily.get(name);
        return type.isInstance(model) ? type.cast(model) : null;
    }

    public AlsModel als() {
        return model("als", AlsModel.class);
    }

    /** Search structure over the ALS item vectors. */
    public VectorIndex alsIndex() {
        return index("als");
    }

    public BprModel bpr() {
        return model("bpr", BprModel.class);
    }

    /** Search structure over the bias-augmented BPR item vectors. */
    public VectorIndex bprIndex() {
        return index("bpr");
    }

    public CleoraModel cleora() {
        return model("cleora", CleoraModel.class);
    }

    /** Search structure over the Cleora item vectors. */
    public VectorIndex cleoraIndex() {
        return index("cleora");
    }

    public TwoTowerModel twoTower() {
        return model("twoTower", TwoTowerModel.class);
    }

    /** Search structure over the item tower's vectors. */
    public VectorIndex twoTowerIndex() {
        return index("twoTower");
    }

    public EaseModel ease() {
        return get("ease", EaseModel.class);
    }

    private <T> T model(String name, Class<T> type) {
        Indexed<?> indexed = get(name, Indexed.class);
        return indexed != null && type.isInstance(indexed.model()) ? type.cast(indexed.model()) : null;
    }

    private VectorIndex index(String name) {
        Indexed<?> indexed = get(name, Indexed.class);
        return indexed == null ? null : indexed.index();
    }
}
