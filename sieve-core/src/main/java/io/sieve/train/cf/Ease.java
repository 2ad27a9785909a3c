package io.sieve.train.cf;

import io.sieve.bundle.cf.EaseModel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE (Steck 2019): a linear item-to-item model with the closed form B = I − P·diag(1/diag(P)),
 * P = (XᵀX + λI)⁻¹, and a zero diagonal. It needs an items × items inverse, so it is limited to the
 * {@code maxItems} most popular items: memory is 16·n² bytes while training (n = 10,000: 1.6 GB)
 * and 4·n² in the bundle, and the inverse costs n³/3 multiply-adds (seconds at 2,000 items,
 * minutes at 10,000 on 2 cores).
 */
public final class Ease {
    public record Params(double lambda, int maxItems) {
    }

    private final Params params;

    public Ease(Params params) {
        this.params = params;
    }

    public EaseModel fit(InteractionMatrix m) {
        int[] chosen = mostPopular(m);
        int[] local = localIndex(chosen, m.columns());
        int n = chosen.length;
        double[] gram = new double[n * n];
        int[] row = new int[m.columns()];
        for (int u = 0; u < m.rows(); u++) {
            int size = 0;
            for (int q = m.rowStart()[u]; q < m.rowStart()[u + 1]; q++) {
                if (local[m.cols()[q]] >= 0) {
                    row[size++] = local[m.cols()[q]];
                }
            }
            for (int a = 0; a < size; a++) {
                int o = row[a] * n;
                for (int b = 0; b < size; b++) {
                    gram[o + row[b]] += 1;
                }
            }
        }
        return solve(chosen, local, gram);
    }

    /**
     * The model from a Gram matrix counted elsewhere (the Spark job counts it in parallel):
     * {@code gram[i * n + j]} is the number of users with both {@code chosen[i]} and
     * {@code chosen[j]} (the diagonal: with {@code chosen[i]}), {@code chosen} sorted ascending. The
     * array is overwritten.
     */
    public EaseModel fit(int[] chosen, int columns, double[] gram) {
        return solve(chosen, localIndex(chosen, columns), gram);
    }

    private EaseModel solve(int[] chosen, int[] local, double[] gram) {
        int n = chosen.length;
        DMatrixRMaj g = DMatrixRMaj.wrap(n, n, gram);
        for (int i = 0; i < n; i++) {
            gram[i * n + i] += params.lambda();
        }
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(g, p)) {
            throw new ArithmeticException("EASE: the Gram matrix is not positive definite; raise lambda");
        }
        float[] b = new float[n * n];
        double[] pd = p.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = i == j ? 0f : (float) (-pd[i * n + j] / pd[j * n + j]);
            }
        }
        return new EaseModel(chosen, local, b);
    }

    /** Per bundle item, its row among {@code chosen}, or -1. */
    private static int[] localIndex(int[] chosen, int columns) {
        int[] local = new int[columns];
        Arrays.fill(local, -1);
        for (int l = 0; l < chosen.length; l++) {
            local[chosen[l]] = l;
        }
        return local;
    }

    private int[] mostPopular(InteractionMatrix m) {
        int[] count = new int[m.columns()];
        for (int c : m.cols()) {
            count[c]++;
        }
        return IntStream.range(0, m.columns()).filter(i -> count[i] > 0).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -count[i]).thenComparingInt(i -> i))
                .limit(params.maxItems())
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
    }
}
