package io.sieve.eval;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.model.Impression;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.pipeline.Recommendations;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a candidate configuration would have shown in each logged request: every served list in the
 * impression log is asked again of the candidate's pipeline, for the same user, surface and device,
 * as of the moment it was served (the user's later events hidden), with the given bundle. Paired
 * with what was shown, its propensities and its clicks (events of the click types carrying the
 * list's requestId), these are the inputs of {@link OffPolicyEstimators}.
 */
public final class CounterfactualReplay {
    private CounterfactualReplay() {
    }

    public static List<OffPolicyEstimators.LoggedSlate> slates(SieveConfig candidate, Store store, ModelBundle bundle) {
        Set<String> clickTypes = Set.copyOf(candidate.experimentAnalysis().clicks());
        Map<String, Set<String>> clicked = new HashMap<>();
        store.forEachEvent(e -> {
            if (e.requestId() != null && clickTypes.contains(e.type())) {
                clicked.computeIfAbsent(e.requestId(), r -> new HashSet<>()).add(e.item());
            }
        });
        List<OffPolicyEstimators.LoggedSlate> slates = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(candidate, store, ItemStatistics.replayed(candidate, store), executor);
            store.forEachImpression(imp -> {
                if (!imp.items().isEmpty()) {
                    slates.add(slate(imp, pipeline, bundle, clicked.getOrDefault(imp.requestId(), Set.of())));
                }
            });
        }
        return slates;
    }

    private static OffPolicyEstimators.LoggedSlate slate(Impression imp, Pipeline pipeline, ModelBundle bundle, Set<String> clicks) {
        int n = imp.items().size();
        List<String> shown = new ArrayList<>(n);
        double[] propensities = new double[n];
        boolean[] clicked = new boolean[n];
        for (int k = 0; k < n; k++) {
            Impression.Shown s = imp.items().get(k);
            shown.add(s.item());
            propensities[k] = s.propensity() > 0 ? s.propensity() : 1;
            clicked[k] = clicks.contains(s.item());
        }
        Recommendations target = pipeline.recommend(RecommendationRequest.forUser(imp.user(), n).surface(imp.surface())
                .device(imp.device()).asOf(imp.timestamp()).build(), bundle);
        return new OffPolicyEstimators.LoggedSlate(shown, propensities, clicked,
                target.items().stream().map(Recommendations.RecommendedItem::id).toList());
    }
}
