package io.sieve.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;

/**
 * One A/B experiment ({@code experiments.<name>}; README "Run an A/B test"). Users are split by a
 * hash of (user, salt), so a user keeps their variant for the experiment's whole life and changing
 * the salt reshuffles everyone. Defaults are given here rather than in defaults.yaml, because the
 * names are the user's.
 *
 * @param salt     mixed into the hash; a new salt is a new, independent split
 * @param layer    experiments in one layer never share a user (each takes its own share of the
 *                 layer's users, {@code traffic}); different layers split independently. Default: the
 *                 experiment's own name, so it overlaps with every other experiment
 * @param traffic  the share of users in the experiment; the others see the default configuration
 * @param surfaces the surfaces it runs on; empty: every surface
 * @param start    before this moment the experiment assigns no one (null: already started)
 * @param end      from this moment it assigns no one (null: open-ended)
 * @param control  the variant the others are compared with; default: the first one listed
 * @param variants at least two, with weights that sum to 1 ({@link ExperimentChecks}); exactly two for interleaving,
 *                 whose weights are ignored
 * @param kind     abtest (default) or interleaving ({@link ExperimentKind})
 */
public record ExperimentConfig(@NotBlank String salt, String layer,
                               @Range(min = 0, max = 1) double traffic,
                               @NotNull List<@NotNull String> surfaces,
                               Instant start, Instant end, String control,
                               @NotEmpty Map<String, @NotNull @Valid Variant> variants,
                               @NotNull ExperimentKind kind) {

    @JsonCreator
    static ExperimentConfig of(@JsonProperty("salt") String salt, @JsonProperty("layer") String layer,
                               @JsonProperty("traffic") Double traffic, @JsonProperty("surfaces") List<String> surfaces,
                               @JsonProperty("start") Instant start, @JsonProperty("end") Instant end,
                               @JsonProperty("control") String control,
                               @JsonProperty("variants") Map<String, Variant> variants,
                               @JsonProperty("kind") ExperimentKind kind) {
        Map<String, Variant> ordered = variants == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        String first = ordered == null || ordered.isEmpty() ? null : ordered.keySet().iterator().next();
        return new ExperimentConfig(salt, layer, traffic == null ? 1.0 : traffic, surfaces == null ? List.of() : surfaces,
                start, end, control == null ? first : control, ordered, kind == null ? ExperimentKind.abtest : kind);
    }

    /** The layer it splits users in: its own name unless it names one. */
    public String layerOr(String name) {
        return layer == null || layer.isBlank() ? name : layer;
    }

    public boolean runsOn(String surface) {
        return surfaces.isEmpty() || surfaces.contains(surface == null ? "home" : surface);
    }

    public boolean activeAt(Instant now) {
        return (start == null || !now.isBefore(start)) && (end == null || now.isBefore(end));
    }

    /**
     * One arm: its share of the experiment's users and what it changes.
     *
     * @param overlay serving settings as dotted keys ({@code ranking.type: blend}) laid over the
     *                configuration for this arm's users; only retrieval, filters, features, ranking,
     *                rerank, exploration and search may vary
     * @param bundle  a published bundle version this arm serves instead of the current one (null: the current)
     */
    public record Variant(@Positive double weight, @NotNull Map<String, Object> overlay, String bundle) {
        @JsonCreator
        static Variant of(@JsonProperty("weight") Double weight, @JsonProperty("overlay") Map<String, Object> overlay,
                          @JsonProperty("bundle") String bundle) {
            return new Variant(weight == null ? 0 : weight,
                    overlay == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overlay)), bundle);
        }

        /** The overlay as the dotted settings {@link ConfigLoader#withSettings} reads; a list becomes comma-separated. */
        public Map<String, String> settings() {
            Map<String, String> out = new LinkedHashMap<>();
            overlay.forEach((key, value) -> out.put(key, value instanceof List<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
            return out;
        }
    }
}
