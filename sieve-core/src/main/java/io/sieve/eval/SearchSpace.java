package io.sieve.eval;

import io.sieve.train.cf.ModelFamilies;
import io.sieve.train.cf.ModelFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hyper-parameters a tuning run may change, as configuration keys with their ranges. A point
 * is a map from key to value, ready for {@code ConfigLoader.withSettings}.
 */
public final class SearchSpace {
    private sealed interface Range permits LogRange, Choice {
    }

    /** Log-uniform: the right scale for regularisation strengths and learning rates. */
    private record LogRange(double low, double high) implements Range {
    }

    private record Choice(List<String> values) implements Range {
    }

    private final Map<String, Range> ranges = new LinkedHashMap<>();

    /** The source whose quality the search maximises. */
    private final String source;

    private SearchSpace(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /**
     * The space of {@code model}: a model family's own tunables ({@code ModelFamily.tunables}), or
     * co-visitation's, which is a table, not a family.
     */
    public static SearchSpace forModel(String model) {
        SearchSpace s = new SearchSpace(model);
        if (model.equals("covisitation")) {
            return s.log("training.coVisitation.shrink", 0.1, 100)
                    .choice("training.coVisitation.alpha", "0.3", "0.4", "0.5", "0.6", "0.7");
        }
        ModelFamily family = ModelFamilies.named(model).orElseThrow(() -> new IllegalArgumentException(
                "no search space for '" + model + "'; tunable: " + tunable()));
        for (ModelFamily.Tunable t : family.tunables()) {
            if (t.choices().isEmpty()) {
                s.log(t.key(), t.low(), t.high());
            } else {
                s.choice(t.key(), t.choices().toArray(String[]::new));
            }
        }
        return s;
    }

    /** What {@code sieve tune --model} accepts: every model family, and co-visitation. */
    public static java.util.Set<String> tunable() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        ModelFamilies.all().forEach(f -> names.add(f.name()));
        names.add("covisitation");
        return names;
    }

    private SearchSpace log(String key, double low, double high) {
        ranges.put(key, new LogRange(low, high));
        return this;
    }

    private SearchSpace choice(String key, String... values) {
        ranges.put(key, new Choice(List.of(values)));
        return this;
    }

    public Map<String, String> sample(SplittableRandom random) {
        Map<String, String> point = new LinkedHashMap<>();
        ranges.forEach((key, range) -> point.put(key, switch (range) {
            case LogRange r -> format(Math.exp(Math.log(r.low()) + random.nextDouble() * (Math.log(r.high()) - Math.log(r.low()))));
            case Choice c -> c.values().get(random.nextInt(c.values().size()));
        }));
        return point;
    }

    /**
     * A point near {@code best}: each continuous value moved by up to a factor of two (staying in
     * range), each choice kept or, with probability 1/3, re-drawn. Used once the search has a
     * promising region, like the exploitation half of TPE, without its density model.
     */
    public Map<String, String> perturb(Map<String, String> best, SplittableRandom random) {
        Map<String, String> point = new LinkedHashMap<>();
        ranges.forEach((key, range) -> point.put(key, switch (range) {
            case LogRange r -> format(Math.min(r.high(), Math.max(r.low(),
                    Double.parseDouble(best.get(key)) * Math.pow(2, 2 * random.nextDouble() - 1))));
            case Choice c -> random.nextInt(3) == 0 ? c.values().get(random.nextInt(c.values().size())) : best.get(key);
        }));
        return point;
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
