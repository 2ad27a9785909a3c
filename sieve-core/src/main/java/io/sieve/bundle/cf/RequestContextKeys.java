package io.sieve.bundle.cf;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The context a two-tower user tower reads, as keys beside the user's attributes: the hour of day
 * and the day of the week of a moment in a zone ({@code hour=21}, {@code weekday=6}). Training
 * reads them at each chosen item's moment, serving at the request's.
 */
public final class RequestContextKeys {
    private RequestContextKeys() {
    }

    public static List<String> at(Instant moment, ZoneId zone) {
        ZonedDateTime local = moment.atZone(zone);
        return List.of("hour=" + local.getHour(), "weekday=" + local.getDayOfWeek().getValue());
    }
}
