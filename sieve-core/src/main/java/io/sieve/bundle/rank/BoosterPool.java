package io.sieve.bundle.rank;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * The LightGBM boosters of one model, each used by one call at a time. LightGBM 4.3 (the version
 * lightgbm4j ships) is not safe for concurrent calls on one booster: every SHAP call re-computes
 * each tree's depth in place (resizing a vector) while other calls size their buffers from it,
 * which corrupts the native heap (LightGBM issue 5482, fixed upstream by pull request 6778, after
 * the 4.3 that lightgbm4j ships). So a call borrows an idle
 * booster, or loads another copy of the model, up to {@code max} copies, and waits beyond that.
 *
 * <p>{@link #close} frees the idle boosters at once; a booster in use is freed when its call
 * returns it. Nothing is freed while a call holds it.
 */
final class BoosterPool implements AutoCloseable {
    /** A call on a booster that this thread alone holds. */
    interface Call<T> {
        T apply(LGBMBooster booster) throws LGBMException;
    }

    private final String modelText;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<LGBMBooster> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** Loads the first booster at once, so that a model LightGBM cannot read fails here, not in a request. */
    BoosterPool(String modelText, int max) throws LGBMException {
        this.modelText = modelText;
        this.permits = new Semaphore(max);
        idle.add(LGBMBooster.loadModelFromString(modelText));
    }

    <T> T use(Call<T> call) throws LGBMException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a LightGBM booster", e);
        }
        LGBMBooster booster = idle.pollFirst();
        try {
            if (booster == null) {
                booster = LGBMBooster.loadModelFromString(modelText);
            }
            return call.apply(booster);
        } finally {
            if (booster != null) {
                idle.addFirst(booster);
                if (closed) {
                    freeIdle();
                }
            }
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        freeIdle();
    }

    /** Each idle booster is taken by exactly one caller, so none is freed twice or while in use. */
    private void freeIdle() {
        for (LGBMBooster b; (b = idle.pollFirst()) != null; ) {
            try {
                b.close();
            } catch (LGBMException e) {
                // Freeing: nothing is left to recover.
            }
        }
    }
}
