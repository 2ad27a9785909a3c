package io.sieve.cli;

import io.sieve.eval.ColdItemSplit;
import io.sieve.eval.ColdUserSplit;
import io.sieve.eval.LeaveLastOutSplit;
import io.sieve.eval.SplitProtocol;
import io.sieve.eval.StratifiedRandomSplit;
import io.sieve.eval.StrongGeneralizationSplit;
import io.sieve.eval.TemporalSplit;
import picocli.CommandLine.Option;

/** How 'sieve eval' and 'sieve tune' hold out test data. */
final class SplitOptions {
    enum Protocol { stratified, temporal, leave_last_out, strong, cold_items, cold_users, counterfactual }

    @Option(names = "--protocol", defaultValue = "stratified",
            description = "stratified (per-user random), temporal (global time cut), leave_last_out, "
                    + "strong (held-out users), cold_items (items first seen after the cut), "
                    + "cold_users (held-out users known by their first --known-events), counterfactual (no split: the "
                    + "configuration's click rate estimated from the logged impressions and their propensities). "
                    + "Default: ${DEFAULT-VALUE}")
    Protocol protocol;

    @Option(names = "--ratio", description = "Training share: per user (stratified, default 0.75) or of all events (temporal, default 0.8).")
    Double ratio;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--held-out-users", defaultValue = "0.2",
            description = "strong: users held out of training, a fraction (<1) or a count. Default: ${DEFAULT-VALUE}")
    double heldOutUsers;

    @Option(names = "--fold-in", defaultValue = "0.8",
            description = "strong: share of a held-out user's events given as history. Default: ${DEFAULT-VALUE}")
    double foldIn;

    @Option(names = "--known-events", defaultValue = "3",
            description = "cold_users: events a held-out user is known by. Default: ${DEFAULT-VALUE}")
    int knownEvents;

    @Option(names = "--min-value", paramLabel = "V",
            description = "Drop events whose value (e.g. rating) is below V before splitting, as Liang et al. "
                    + "keep only ratings >= 4 as positive feedback. Default: keep all.")
    Double minValue;

    SplitProtocol protocol() {
        return switch (protocol) {
            case stratified -> new StratifiedRandomSplit(ratio != null ? ratio : 0.75, seed);
            case temporal -> new TemporalSplit(ratio != null ? ratio : 0.8);
            case leave_last_out -> new LeaveLastOutSplit();
            case strong -> new StrongGeneralizationSplit(heldOutUsers, foldIn, seed);
            case cold_items -> new ColdItemSplit(ratio != null ? ratio : 0.8);
            case cold_users -> new ColdUserSplit(heldOutUsers, knownEvents, seed);
            case counterfactual -> throw new UserError("--protocol counterfactual splits nothing and is only for sieve eval");
        };
    }
}
