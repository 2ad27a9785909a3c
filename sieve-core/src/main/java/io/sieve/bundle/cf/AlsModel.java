package io.sieve.bundle.cf;


/**
 * What serving needs of an ALS model: the item factors, YᵀY and the training parameters, so that
 * any user's vector can be computed from their latest events at request time (fold-in) with the
 * exact closed-form step of ALS. A brand-new user is personalised after their first clicks
 * without retraining, and every user's vector reflects events posted a moment ago.
 */
public final class AlsModel {
    private final Factors items;
    private final double regularization;
    private final Confidence confidence;
    private final double[] gram;

    public AlsModel(Factors items, double regularization, Confidence confidence) {
        this.items = items;
        this.regularization = regularization;
        this.confidence = confidence;
        this.gram = items.gram();
    }

    public Factors items() {
        return items;
    }

    public double regularization() {
        return regularization;
    }

    public Confidence confidence() {
        return confidence;
    }

    /**
     * Solves (YᵀY + λI + Yᵀ(C − I)Y) x = Yᵀ C p for the given items and interaction strengths;
     * items with index &lt; 0 (unknown to the model) and non-positive strengths are skipped.
     * Returns null when nothing usable remains.
     */
    public float[] foldIn(int[] itemIndexes, float[] strengths) {
        int k = items.dim();
        double[] a = gram.clone();
        double[] b = new double[k];
        boolean any = false;
        for (int d = 0; d < k; d++) {
            a[d * k + d] += regularization;
        }
        float[] yd = items.data();
        for (int n = 0; n < itemIndexes.length; n++) {
            if (itemIndexes[n] < 0 || strengths[n] <= 0) {
                continue;
            }
            any = true;
            double c = confidence.of(strengths[n]);
            int o = items.offset(itemIndexes[n]);
            for (int i = 0; i < k; i++) {
                double yi = yd[o + i];
                b[i] += c * yi;
                for (int j = 0; j < k; j++) {
                    a[i * k + j] += (c - 1) * yi * yd[o + j];
                }
            }
        }
        if (!any) {
            return null;
        }
        DenseMath.solveSpd(a, b, k);
        float[] x = new float[k];
        for (int i = 0; i < k; i++) {
            x[i] = (float) b[i];
        }
        return x;
    }
}
