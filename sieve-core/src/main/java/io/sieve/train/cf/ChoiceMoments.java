package io.sieve.train.cf;

import io.sieve.bundle.cf.RequestContextKeys;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When each positive interaction happened, for the families that learn from its context.
 *
 * @param millis each entry of the interaction matrix's {@code cols}: its latest event's millisecond
 * @param zone   the zone of the hour and weekday (features.timeZone); null when not read
 */
public record ChoiceMoments(long[] millis, ZoneId zone) {
    public static final ChoiceMoments NONE = new ChoiceMoments(new long[0], null);

    public boolean isEmpty() {
        return zone == null;
    }

    /** The context keys of the interaction at this position of the matrix's {@code cols}. */
    public List<String> keysAt(int position) {
        return RequestContextKeys.at(Instant.ofEpochMilli(millis[position]), zone);
    }
}
