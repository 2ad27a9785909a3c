package io.sieve.server;

import io.sieve.bundle.ModelBundle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bundle being served. A request reads it once and keeps that bundle to the end, so a swap
 * only affects requests that start after it and none is ever served by half of two models.
 */
final class ModelHolder {
    private final AtomicReference<ModelBundle> current;

    ModelHolder(ModelBundle initial) {
        this.current = new AtomicReference<>(initial);
    }

    ModelBundle current() {
        return current.get();
    }

    void swap(ModelBundle bundle) {
        current.set(bundle);
    }

    /** Why the server cannot give useful answers yet, if it cannot. */
    Optional<String> notReadyReason() {
        ModelBundle bundle = current.get();
        if (bundle.popularity().size() == 0) {
            return Optional.of("model " + bundle.version() + " has no popular items to fall back on: it was built "
                    + "from a store without positive events; add events, then run 'sieve train'");
        }
        return Optional.empty();
    }
}
