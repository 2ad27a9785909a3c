package io.sieve.train.rank;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which users become training lists, and what each holds out. A sampled user holds out a share of
 * their events, of one of two kinds, and belongs to one of {@code folds} folds:
 * <ul>
 *   <li>{@link Kind#random}: a random share of their events, asked for at the data's clock with
 *       everything else known, as a served request for a user with some interactions unseen;</li>
 *   <li>{@link Kind#latest}: their latest events, asked for just before the first of them, as a
 *       served request for "what next" at that moment.</li>
 * </ul>
 * A fold's retrieval models are trained without its users' held-out events (cross-fitting), so
 * every list comes from models that never saw its labels but saw nearly all else, as the final
 * bundle will when it serves.
 */
final class HeldOutPlan {
    /** What a list holds out: a random share of the user's events, or their latest ones. */
    enum Kind { random, latest }

    /**
     * One training list to build.
     *
     * @param asOf   the request's moment; null for "at the fold's clock", the newest event it holds
     * @param labels the user's held-out events, by item
     */
    record Request(String user, Kind kind, int fold, Instant asOf, String surface, Map<String, List<Event>> labels) {
    }

    private final List<Request> requests;
    private final List<Set<HeldOutStore.EventKey>> heldOut;
    private final long events;

    private HeldOutPlan(List<Request> requests, List<Set<HeldOutStore.EventKey>> heldOut, long events) {
        this.requests = requests;
        this.heldOut = heldOut;
        this.events = events;
    }

    /**
     * Reads the log twice, keeping only counts per user and then the sampled users' events: the
     * plan's memory follows {@code maxLists}, not the log's size.
     *
     * @param log           hands every event over, in time order (a store's {@code forEachEvent})
     * @param kinds         the kinds to make, assigned to sampled users in turn
     * @param labelFraction share of a user's events held out
     * @param maxLists      users sampled at most
     */
    static HeldOutPlan of(Consumer<Consumer<Event>> log, EventTypes types, List<Kind> kinds, int folds, double labelFraction,
                          int maxLists, long seed) {
        Map<String, int[]> counts = new HashMap<>();   // per user: events, positive events
        long[] events = {0};
        log.accept(e -> {
            events[0]++;
            int[] c = counts.computeIfAbsent(e.user(), u -> new int[2]);
            c[0]++;
            c[1] += types.weightOf(e) > 0 ? 1 : 0;
        });
        List<String> eligible = new ArrayList<>();
        counts.forEach((user, c) -> {
            int held = (int) Math.round(c[0] * labelFraction);
            if (c[1] >= 2 && held >= 1 && held < c[0]) {
                eligible.add(user);
            }
        });
        Collections.sort(eligible);
        Random random = new Random(seed);
        Collections.shuffle(eligible, random);
        List<String> sampled = eligible.subList(0, Math.min(maxLists, eligible.size()));
        Map<String, List<Event>> byUser = new HashMap<>();
        sampled.forEach(user -> byUser.put(user, new ArrayList<>()));
        log.accept(e -> {
            List<Event> own = byUser.get(e.user());
            if (own != null) {
                own.add(e);
            }
        });

        List<Set<HeldOutStore.EventKey>> heldOut = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            heldOut.add(new HashSet<>());
        }
        List<Request> requests = new ArrayList<>(sampled.size());
        for (int i = 0; i < sampled.size(); i++) {
            String user = sampled.get(i);
            List<Event> own = byUser.get(user);
            Kind kind = kinds.get(i % kinds.size());
            int fold = (i / kinds.size()) % folds;
            int held = (int) Math.round(own.size() * labelFraction);
            List<Event> labels = kind == Kind.latest ? latest(own, held) : null;
            Instant asOf = null;
            if (labels != null) {
                asOf = labels.get(0).timestamp().minusMillis(1);
            } else {
                // A log whose user events share one timestamp has no "before": fall back to random.
                kind = Kind.random;
                List<Event> shuffled = new ArrayList<>(own);
                Collections.shuffle(shuffled, new Random(seed * 31 + user.hashCode()));
                labels = shuffled.subList(0, held);
            }
            Map<String, List<Event>> byItem = new HashMap<>();
            for (Event e : labels) {
                byItem.computeIfAbsent(e.item(), k -> new ArrayList<>()).add(e);
                heldOut.get(fold).add(HeldOutStore.EventKey.of(e));
            }
            String surface = labels.get(0).surface();
            requests.add(new Request(user, kind, fold, asOf, surface, byItem));
        }
        return new HeldOutPlan(requests, heldOut, events[0]);
    }

    /**
     * The user's latest {@code count} events and any that share the first one's moment, oldest
     * first; null when that would leave no earlier event to ask before.
     */
    private static List<Event> latest(List<Event> own, int count) {
        List<Event> sorted = new ArrayList<>(own);
        sorted.sort(Comparator.comparing(Event::timestamp));
        Instant cut = sorted.get(sorted.size() - count).timestamp();
        List<Event> labels = sorted.stream().filter(e -> !e.timestamp().isBefore(cut)).toList();
        return labels.size() < sorted.size() ? labels : null;
    }

    List<Request> requests() {
        return requests;
    }

    /** How many events the plan was made from. */
    long events() {
        return events;
    }

    int folds() {
        return heldOut.size();
    }

    /** The events fold {@code fold}'s retrieval models must not see. */
    Set<HeldOutStore.EventKey> heldOut(int fold) {
        return heldOut.get(fold);
    }
}
