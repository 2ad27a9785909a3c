package io.sieve.pipeline;

import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small world with known structure: {@code genres} genres of {@code itemsPerGenre} items
 * ("g1-i3" is item 3 of genre 1); each user likes one genre and viewed some of its items. A
 * working co-visitation source must therefore recommend items of the user's genre.
 */
public record TasteClusters(int genres, int itemsPerGenre, int usersPerGenre, int viewsPerUser, long seed) {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public static String item(int genre, int index) {
        return "g" + genre + "-i" + index;
    }

    public static String user(int genre, int index) {
        return "g" + genre + "-u" + index;
    }

    public static int genreOf(String id) {
        return Integer.parseInt(id.substring(1, id.indexOf('-')));
    }

    public void fill(Store store) {
        List<Item> items = new ArrayList<>();
        for (int g = 0; g < genres; g++) {
            for (int i = 0; i < itemsPerGenre; i++) {
                items.add(Item.of(item(g, i), "Item " + i + " of genre " + g, List.of("genre" + g)));
            }
        }
        store.putItems(items);
        Random random = new Random(seed);
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        long minute = 0;
        for (int g = 0; g < genres; g++) {
            for (int u = 0; u < usersPerGenre; u++) {
                users.add(new User(user(g, u), Map.of("age", 20 + 10 * g, "country", g % 2 == 0 ? "DE" : "FR")));
                for (int v = 0; v < viewsPerUser; v++) {
                    // Lower item numbers are more popular within a genre (a power-law-ish skew).
                    int i = (int) Math.min(itemsPerGenre - 1, Math.floor(Math.pow(random.nextDouble(), 2) * itemsPerGenre));
                    events.add(Event.of(user(g, u), item(g, i), "view", START.plusSeconds(60 * minute++)));
                }
            }
        }
        store.putUsers(users);
        store.appendEvents(events);
    }
}
