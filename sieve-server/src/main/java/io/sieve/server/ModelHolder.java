package io.sieve.server;

import io.sieve.bundle.ModelBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The bundle being served, and whatever makes the service less than it should be. A request reads
 * the bundle once and keeps it to the end, so a swap only affects requests that start after it
 * and none is ever served by half of two models.
 */
final class ModelHolder {
    /** A published bundle that could not be served, and why. */
    record Refusal(String version, String reason) {
    }

    /**
     * One way the service is degraded: still answering, but not as configured.
     *
     * @param kind one of {@link #KINDS}, stable for alerts to match on
     */
    record Degradation(String kind, String detail) {
    }

    static final List<String> KINDS = List.of("bundle-refused", "unverified-bundle", "no-events", "online-state");

    private final AtomicReference<ModelBundle> current;
    private final BooleanSupplier catalogEmpty;
    private final List<Supplier<Optional<Degradation>>> otherDegradations = new CopyOnWriteArrayList<>();
    private volatile Refusal refusal;
    private volatile boolean unverified;

    /**
     * @param verified     whether the bundle's files were checked against checksums in its manifest
     * @param catalogEmpty whether the store has no items at all
     */
    ModelHolder(ModelBundle initial, boolean verified, BooleanSupplier catalogEmpty) {
        this.current = new AtomicReference<>(initial);
        this.unverified = !verified;
        this.catalogEmpty = catalogEmpty;
    }

    ModelBundle current() {
        return current.get();
    }

    /** Serves {@code bundle} from now on; a refusal noted before is over. */
    void swap(ModelBundle bundle, boolean verified) {
        current.set(bundle);
        unverified = !verified;
        refusal = null;
    }

    void refuse(Refusal why) {
        refusal = why;
    }

    /** The published bundle is the one served after all (it was republished, or CURRENT rolled back). */
    void publishedIsServed() {
        refusal = null;
    }

    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Why the server has nothing at all to answer with, if so. */
    Optional<String> notReadyReason() {
        if (current.get().popularity().size() == 0 && catalogEmpty.getAsBoolean()) {
            return Optional.of("the catalog is empty: add items (PUT /v1/items/{id} or 'sieve import'), then events");
        }
        return Optional.empty();
    }

    /** Reports, beside the model's own, the degradation {@code source} gives while there is one (the shared online state's). */
    void alsoDegradedBy(Supplier<Optional<Degradation>> source) {
        otherDegradations.add(source);
    }

    /** Each way the service is degraded now; empty when it is as configured. */
    List<Degradation> degradations() {
        List<Degradation> out = new ArrayList<>();
        otherDegradations.forEach(source -> source.get().ifPresent(out::add));
        ModelBundle bundle = current.get();
        Refusal r = refusal;
        if (r != null) {
            out.add(new Degradation("bundle-refused", r.reason() + "; serving " + bundle.version() + " instead"));
        }
        if (unverified) {
            out.add(new Degradation("unverified-bundle", "model " + bundle.version()
                    + " has no checksums in its manifest (written by an older Sieve), so damage to it cannot be detected;"
                    + " run 'sieve train' to replace it"));
        }
        if (bundle.popularity().size() == 0 && !catalogEmpty.getAsBoolean()) {
            out.add(new Degradation("no-events", "model " + bundle.version() + " was built from a store without positive"
                    + " events, so nothing is popular yet: the newest items are served; add events, then run 'sieve train'"));
        }
        return out;
    }
}
