package io.sieve.bundle.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Joins two-tower models trained alike from different seeds into one that scores by the mean of
 * their cosines: every table side by side, each layer block-diagonal, so the joined model is served
 * and indexed as one model of the members' summed dimension ({@link TwoTowerModel#members()}).
 */
public final class TwoTowerMembers {
    private TwoTowerMembers() {
    }

    /**
     * @param models single models of one shape and one vocabulary, pooling by the mean: an
     *               attention weight per item would differ between members, and one history is pooled once
     */
    public static TwoTowerModel join(List<TwoTowerModel> models) {
        if (models.size() == 1) {
            return models.get(0);
        }
        TwoTowerModel first = models.get(0);
        for (TwoTowerModel m : models) {
            if (m.members() != 1 || !m.itemAttributes().names().equals(first.itemAttributes().names())
                    || !m.userAttributes().names().equals(first.userAttributes().names())) {
                throw new IllegalArgumentException("members must be single models over the same vocabularies");
            }
            for (float w : m.historyWeights()) {
                if (w != 0) {
                    throw new IllegalArgumentException("members must pool the history by the mean");
                }
            }
        }
        float scale = (float) (1 / Math.sqrt(models.size()));
        Factors items = sideBySide(models, TwoTowerModel::items);
        for (int i = 0; i < items.data().length; i++) {
            items.data()[i] *= scale;
        }
        return new TwoTowerModel(items, sideBySide(models, TwoTowerModel::historyInputs), first.historyWeights(),
                first.historyLength(), blockDiagonal(models, TwoTowerModel::userTower), blockDiagonal(models, TwoTowerModel::itemTower),
                new Vocabulary(first.itemAttributes().names(), sideBySide(models, m -> m.itemAttributes().embeddings())),
                new Vocabulary(first.userAttributes().names(), sideBySide(models, m -> m.userAttributes().embeddings())),
                sideBySide(models, TwoTowerModel::contentProjection), first.contextZone(), models.size());
    }

    /** Each row the members' rows one after another. */
    private static Factors sideBySide(List<TwoTowerModel> models, Function<TwoTowerModel, Factors> table) {
        int rows = table.apply(models.get(0)).rows();
        int dim = models.stream().mapToInt(m -> table.apply(m).dim()).sum();
        Factors out = Factors.zeros(rows, dim);
        int from = 0;
        for (TwoTowerModel m : models) {
            Factors f = table.apply(m);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(f.data(), f.offset(r), out.data(), out.offset(r) + from, f.dim());
            }
            from += f.dim();
        }
        return out;
    }

    /** Layer by layer, each member's weights on the diagonal, zeros between members. */
    private static List<DenseLayer> blockDiagonal(List<TwoTowerModel> models, Function<TwoTowerModel, List<DenseLayer>> tower) {
        List<DenseLayer> out = new ArrayList<>();
        for (int l = 0; l < tower.apply(models.get(0)).size(); l++) {
            int layer = l;
            List<DenseLayer> blocks = models.stream().map(m -> tower.apply(m).get(layer)).toList();
            int in = blocks.stream().mapToInt(DenseLayer::in).sum();
            int outs = blocks.stream().mapToInt(DenseLayer::out).sum();
            float[] weights = new float[in * outs];
            float[] bias = new float[outs];
            int row = 0;
            int column = 0;
            for (DenseLayer b : blocks) {
                for (int o = 0; o < b.out(); o++) {
                    System.arraycopy(b.weights(), o * b.in(), weights, (row + o) * in + column, b.in());
                }
                System.arraycopy(b.bias(), 0, bias, row, b.out());
                row += b.out();
                column += b.in();
            }
            out.add(new DenseLayer(in, outs, weights, bias, blocks.get(0).relu()));
        }
        return out;
    }
}
