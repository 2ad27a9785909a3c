package io.sieve.ingest;

import io.sieve.model.Event;
import io.sieve.model.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mapping rules every MovieLens release shares. */
final class MovieLensFields {
    private static final String RATING = "rating";

    private static final Pattern YEAR_AT_END = Pattern.compile("\\((\\d{4})\\)\\s*$");
    /** Written in place of an empty genre list by the later releases. */
    private static final String NO_GENRES = "(no genres listed)";

    private MovieLensFields() {
    }

    /** January 1st (UTC) of the year that ends a title such as "Toy Story (1995)", or null. */
    static Instant yearOf(String title) {
        Matcher m = YEAR_AT_END.matcher(title);
        return m.find() ? LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC) : null;
    }

    static List<String> genres(String pipeSeparated) {
        List<String> genres = new ArrayList<>();
        for (String genre : pipeSeparated.split("\\|")) {
            String g = genre.trim();
            if (!g.isEmpty() && !g.equals(NO_GENRES)) {
                genres.add(g);
            }
        }
        return genres;
    }

    /** A user row of the 100K and 1M releases; they differ only in the order of the columns. */
    static User user(String id, String age, String gender, String occupation, String zip) throws BadRow {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("age", Cells.integer(age, "age"));
        attributes.put("gender", gender.trim());
        attributes.put("occupation", occupation.trim());
        attributes.put("zip", zip.trim());
        return new User(id.trim(), attributes);
    }

    /** A rating row (user, movie, rating, epoch seconds) as an event of type "rating". */
    static Event rating(String user, String movie, String rating, String timestamp) throws BadRow {
        return new Event(user.trim(), movie.trim(), RATING, Cells.number(rating, "rating"),
                Cells.epochSeconds(timestamp, "timestamp"), null, null);
    }
}
