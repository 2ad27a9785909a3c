package io.sieve.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * Random catalogs, random rules and random requests, with exploration, diversity and pins in play:
 * no response may show an item that an applicable exclude rule matches or an applicable require
 * rule does not. The expected verdict comes from an oracle written here, independently of the
 * rule engine: each generated condition carries its own plain-Java predicate.
 */
class RulesPropertyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String[] CATEGORIES = {"a", "b", "c", "d"};
    private static final String[] RATINGS = {"G", "PG", "R"};
    private static final String[] COUNTRIES = {"DE", "FR", "US"};

    /** A generated rule and the oracle for it: applies(user, surface), matches(item, user). */
    private record Generated(Rule rule, BiPredicate<User, String> applies, BiPredicate<Item, User> matches) {
    }

    @Test
    void noResponseEverShowsWhatAFilterRuleRefuses() {
        int checked = 0;
        for (long trial = 0; trial < 25; trial++) {
            Random random = new Random(trial);
            InMemoryStore store = world(random);
            List<Generated> rules = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                rules.add(rule(random, i));
            }
            rules.add(pin(random));
            Map<String, String> settings = new HashMap<>(Map.of("ranking.type", "blend",
                    "retrieval.sources.newItems.enabled", "true",
                    "exploration.policy.type", random.nextBoolean() ? "epsilon" : "thompson",
                    "exploration.policy.epsilon", "0.5",
                    "rerank.diversity", random.nextBoolean() ? "mmr" : "none"));
            SieveConfig base = ConfigLoader.withSettings(ConfigLoader.defaults(), settings);
            SieveConfig config = base.withRules(rules.stream().map(Generated::rule).toList());
            config.rules().forEach(rule -> assertTrue(rule.problems("rule").isEmpty(), rule.problems("rule").toString()));
            ModelBundle bundle = new Trainer(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                Pipeline pipeline = PipelineFactory.create(config, store, ItemStatistics.replayed(config, store), executor);
                for (int u = 0; u < 20; u++) {
                    User user = store.user("u" + u).orElseThrow();
                    String surface = random.nextBoolean() ? "home" : "email";
                    List<Generated> all = new ArrayList<>(rules);
                    if (random.nextInt(3) == 0) {
                        int cap = 20 + random.nextInt(60);
                        all.add(new Generated(Rule.require("request", ConditionSyntax.parse("price:lte:" + cap)),
                                (us, s) -> true, (it, us) -> number(it, "price") <= cap));
                    }
                    List<Rule> perRequest = all.subList(rules.size(), all.size()).stream().map(Generated::rule).toList();
                    Recommendations r = pipeline.recommend(RecommendationRequest.forUser(user.id(), 1 + random.nextInt(10))
                            .surface(surface)
                            .asOf(NOW)
                            .rules(perRequest)
                            .build(), bundle);
                    for (var shown : r.items()) {
                        Item item = store.item(shown.id()).orElseThrow();
                        for (Generated g : all) {
                            String action = g.rule().action();
                            if (!g.applies().test(user, surface)
                                    || !(action.equals("exclude") || action.equals("require"))) {
                                continue;
                            }
                            boolean matches = g.matches().test(item, user);
                            assertFalse(action.equals("exclude") && matches, g.rule() + " refuses " + item + " for " + user);
                            assertTrue(!action.equals("require") || matches, g.rule() + " refuses " + item + " for " + user);
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 1000, "checked " + checked + " shown items");
    }

    private static InMemoryStore world(Random random) {
        InMemoryStore store = new InMemoryStore();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<String> regions = new ArrayList<>();
            for (String c : COUNTRIES) {
                if (random.nextInt(3) > 0) {
                    regions.add(c);
                }
            }
            Map<String, Object> attributes = Map.of("price", 1 + random.nextInt(100),
                    "ageRating", RATINGS[random.nextInt(RATINGS.length)], "regions", regions);
            List<String> categories = random.nextBoolean() ? List.of(CATEGORIES[random.nextInt(4)])
                    : List.of(CATEGORIES[random.nextInt(4)], CATEGORIES[random.nextInt(4)]).stream().distinct().toList();
            items.add(new Item("i" + i, "Item " + i, null, categories, List.of(), attributes,
                    NOW.minusSeconds(86_400L * random.nextInt(60)), random.nextInt(10) > 0));
        }
        store.putItems(items);
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            users.add(new User("u" + u, Map.of("age", 10 + random.nextInt(50), "country", COUNTRIES[random.nextInt(3)])));
            for (int e = 0; e < 8; e++) {
                events.add(Event.of("u" + u, "i" + random.nextInt(60), "view", NOW.minusSeconds(3_600L * (e + 1) + u)));
            }
        }
        store.putUsers(users);
        store.appendEvents(events);
        return store;
    }

    private static Generated rule(Random random, int index) {
        String action = random.nextInt(3) == 0 ? "require" : "exclude";
        List<String> surfaces = switch (random.nextInt(3)) {
            case 0 -> List.of("home");
            case 1 -> List.of("email");
            default -> List.of();
        };
        boolean active = random.nextInt(5) > 0;
        Instant from = active ? NOW.minusSeconds(3_600) : NOW.plusSeconds(3_600);
        boolean minorsOnly = random.nextInt(3) == 0;
        Condition user = minorsOnly ? new Condition("age", "lt", 18, null) : null;
        BiPredicate<User, String> applies = (u, s) -> active && (surfaces.isEmpty() || surfaces.contains(s))
                && (!minorsOnly || number(u.attributes().get("age")) < 18);
        Condition item;
        BiPredicate<Item, User> matches;
        switch (random.nextInt(5)) {
            case 0 -> {
                int bound = 10 + random.nextInt(80);
                item = new Condition("price", "gt", bound, null);
                matches = (it, u) -> number(it, "price") > bound;
            }
            case 1 -> {
                String rating = RATINGS[random.nextInt(3)];
                item = new Condition("ageRating", "in", List.of(rating, "PG"), null);
                matches = (it, u) -> List.of(rating, "PG").contains(it.attributes().get("ageRating"));
            }
            case 2 -> {
                String category = CATEGORIES[random.nextInt(4)];
                item = new Condition("category", "eq", category, null);
                matches = (it, u) -> it.categories().contains(category);
            }
            case 3 -> {
                item = new Condition("regions", "eq", null, "country");
                matches = (it, u) -> ((List<?>) it.attributes().get("regions")).contains(u.attributes().get("country"));
            }
            default -> {
                int low = random.nextInt(50);
                item = new Condition("price", "between", List.of(low, low + 30), null);
                matches = (it, u) -> number(it, "price") >= low && number(it, "price") <= low + 30;
            }
        }
        return new Generated(new Rule("r" + index, action, item, user, surfaces, from, null, null, null, null),
                applies, matches);
    }

    /** Pins two random items at the top, whatever the filters think of them. */
    private static Generated pin(Random random) {
        List<String> ids = List.of("i" + random.nextInt(60), "i" + random.nextInt(60));
        return new Generated(new Rule("pin", "pin", null, null, null, null, null, null, ids, 1),
                (u, s) -> true, (it, u) -> true);
    }

    private static double number(Item item, String attribute) {
        return number(item.attributes().get(attribute));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
