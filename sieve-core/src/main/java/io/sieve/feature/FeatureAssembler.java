package io.sieve.feature;

import io.sieve.bundle.ModelBundle;
import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import java.util.List;

/**
 * Computes the schema's features for a request's candidates. The one code path for serving and for
 * training: the server passes its live item statistics, the training-set builder the statistics
 * replayed to the request's moment, and both pass a context whose history ends at that moment.
 */
public final class FeatureAssembler {
    private final FeatureSchema schema;

    public FeatureAssembler(FeatureSchema schema) {
        this.schema = schema;
    }

    public FeatureSchema schema() {
        return schema;
    }

    /**
     * @param candidates in first-pass order, each holding its first-pass (blend) score
     * @return row-major values, one row of {@code schema().size()} per candidate
     */
    public float[] assemble(RequestContext context, List<Candidate> candidates, ItemStatistics statistics) {
        RequestFeatures request = new RequestFeatures(context, candidates, statistics, schema.context());
        ModelBundle bundle = context.bundle();
        List<Feature> features = schema.features();
        int width = features.size();
        float[] rows = new float[candidates.size() * width];
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Item item = context.item(c.itemId()).orElse(null);
            var view = new CandidateFeatures(c, item, statistics.get(c.itemId()), bundle.items().indexOf(c.itemId()), i + 1);
            for (int f = 0; f < width; f++) {
                rows[i * width + f] = (float) features.get(f).value().of(request, view);
            }
        }
        return rows;
    }
}
