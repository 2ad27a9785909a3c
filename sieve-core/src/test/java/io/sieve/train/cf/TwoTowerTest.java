package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.pipeline.TasteClusters;
import io.sieve.train.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoTowerTest {
    private static final Interactions CLUSTERS = PlantedGenres.WORLD;

    private static TwoTowerModel fit(int layers, int hardNegatives, int threads, long seed) {
        return fit(layers, hardNegatives, CatalogAttributes.ofItems(CLUSTERS.itemAttributes()), threads, seed);
    }

    private static TwoTowerModel fit(int layers, int hardNegatives, CatalogAttributes attributes, int threads, long seed) {
        return new TwoTower(new TwoTower.Params(16, layers, 0.1, 64, 8, 0.01, layers == 2, 20, hardNegatives, 20, 0.2, 0.2, 40, 8,
                false, 1, true, 1.0, seed, threads))
                .fit(CLUSTERS.positiveMatrix(), attributes);
    }

    /** Every user's one attribute says their genre, as a country might say a taste. */
    private static CatalogAttributes withProfiles() {
        var users = CLUSTERS.positiveMatrix().userIds().stream().map(u -> List.of(profile(TasteClusters.genreOf(u)))).toList();
        return new CatalogAttributes(CLUSTERS.itemAttributes(), users);
    }

    private static String profile(int genre) {
        return "country=C" + genre;
    }

    private static void assertRecoversTheGenres(TwoTowerModel model) {
        var ids = CLUSTERS.items();
        for (int genre = 0; genre < 4; genre++) {
            // One click is enough to place a user.
            float[] oneClick = model.userVector(new int[] {ids.indexOf(TasteClusters.item(genre, 3))}, List.of());
            int g = genre;
            long same = PlantedGenres.nearestGenres(model.items(), oneClick, -1).stream().filter(x -> x == g).count();
            assertTrue(same >= 9, "genre " + genre + ": " + same + " of 10");
        }
    }

    @Test
    void recoversPlantedClustersFromOneClick() {
        assertRecoversTheGenres(fit(1, 0, 2, 42));
    }

    @Test
    void aRefitOnEveryInteractionForTheBestEpochCountRecoversThemToo() {
        assertRecoversTheGenres(new TwoTower(new TwoTower.Params(16, 1, 0.1, 64, 8, 0.01, false, 20, 0, 20, 0.2, 0.2, 40, 8,
                true, 1, true, 1.0, 42, 2)).fit(CLUSTERS.positiveMatrix(), CatalogAttributes.ofItems(CLUSTERS.itemAttributes())));
    }

    @Test
    void twoMembersJoinedRecoverThemToo() {
        TwoTowerModel joined = new TwoTower(new TwoTower.Params(16, 1, 0.1, 64, 8, 0.01, false, 20, 0, 20, 0.2, 0.2, 40, 8,
                false, 2, true, 1.0, 42, 2)).fit(CLUSTERS.positiveMatrix(), CatalogAttributes.ofItems(CLUSTERS.itemAttributes()));
        assertEquals(2, joined.members());
        assertRecoversTheGenres(joined);
    }

    @Test
    void recoversThemWithTwoLayersAttentionAndHardNegatives() {
        assertRecoversTheGenres(fit(2, 8, 2, 42));
    }

    @Test
    void theSameSeedGivesTheSameModelWhateverTheThreadCount() {
        TwoTowerModel one = fit(1, 4, 1, 5);
        assertArrayEquals(one.items().data(), fit(1, 4, 2, 5).items().data());
        assertArrayEquals(one.historyInputs().data(), fit(1, 4, 2, 5).historyInputs().data());
        assertFalse(java.util.Arrays.equals(one.items().data(), fit(1, 4, 1, 6).items().data()), "another seed, another model");
    }

    @Test
    void aUserWhoHasChosenNothingIsPlacedByTheirAttributes() {
        TwoTowerModel model = fit(1, 0, withProfiles(), 2, 42);
        for (int genre = 0; genre < 4; genre++) {
            int g = genre;
            long same = PlantedGenres.nearestGenres(model.items(), model.userVector(new int[0], List.of(profile(genre), "age=99+")), -1)
                    .stream().filter(x -> x == g).count();
            assertTrue(same >= 9, "genre " + genre + ": " + same + " of 10");
        }
        assertTrue(model.userVector(new int[0], List.of("country=nowhere")) == null, "nothing known, no position");
    }

    @Test
    void anItemNobodyChoseIsPlacedByItsCategoryAndSoIsABrandNewOne() {
        TwoTowerModel model = fit(1, 0, 2, 42);
        int unseen = CLUSTERS.items().indexOf("unseen");
        List<Integer> inBundle = PlantedGenres.nearestGenres(model.items(), model.items().row(unseen), unseen);
        assertTrue(inBundle.stream().filter(g -> g == 2).count() >= 9, inBundle.toString());
        List<Integer> brandNew = PlantedGenres.nearestGenres(model.items(), model.newItemVector(List.of("category:genre2", "tag:unknown"), null), -1);
        assertTrue(brandNew.stream().filter(g -> g == 2).count() >= 9, brandNew.toString());
        assertTrue(model.newItemVector(List.of("category:never-seen"), null) == null, "nothing known, no position");
    }

    @Test
    void itemsArePlacedByTheirContentVectorsAloneWhenTheyHaveNoCategories() {
        var ids = CLUSTERS.items();
        ItemContent content = new ItemContent(8, i -> contentOf(ids.id(i).equals("unseen") ? 2 : TasteClusters.genreOf(ids.id(i))));
        List<List<String>> noCategories = java.util.Collections.nCopies(ids.size(), List.of());
        TwoTowerModel model = fit(1, 0, new CatalogAttributes(noCategories, List.of(), content, ChoiceMoments.NONE), 2, 42);
        int unseen = ids.indexOf("unseen");
        List<Integer> inBundle = PlantedGenres.nearestGenres(model.items(), model.items().row(unseen), unseen);
        assertTrue(inBundle.stream().filter(g -> g == 2).count() >= 9, inBundle.toString());
        List<Integer> brandNew = PlantedGenres.nearestGenres(model.items(), model.newItemVector(List.of(), contentOf(1)), -1);
        assertTrue(brandNew.stream().filter(g -> g == 1).count() >= 9, brandNew.toString());
        assertTrue(model.newItemVector(List.of(), new float[3]) == null, "a vector of another encoder is not read");
    }

    /** A content vector that says the genre, as the words of a title and description might: two dimensions per genre. */
    private static float[] contentOf(int genre) {
        float[] v = new float[8];
        v[2 * genre] = 0.8f;
        v[2 * genre + 1] = 0.6f;
        return v;
    }

    @Test
    void theUserTowerReadsTheHourOfTheRequest() {
        // Every user watches genre 0 in the morning (08:00) and genre 1 in the evening (20:00).
        io.sieve.store.InMemoryStore store = new io.sieve.store.InMemoryStore();
        List<io.sieve.model.Item> items = new java.util.ArrayList<>();
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 25; i++) {
                items.add(io.sieve.model.Item.of(TasteClusters.item(g, i), "Item " + i, List.of()));
            }
        }
        store.putItems(items);
        java.util.Random random = new java.util.Random(7);
        List<io.sieve.model.Event> events = new java.util.ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int day = 0; day < 8; day++) {
                for (int g = 0; g < 2; g++) {
                    java.time.Instant at = TasteClusters.START.plus(java.time.Duration.ofDays(day).plusHours(g == 0 ? 8 : 20).plusMinutes(u));
                    events.add(io.sieve.model.Event.of("u" + u, TasteClusters.item(g, random.nextInt(25)), "view", at));
                }
            }
        }
        store.appendEvents(events);
        Interactions world = Interactions.load(store, io.sieve.config.ConfigLoader.defaults().types(), java.time.Duration.ofDays(7));
        var matrix = world.positiveMatrix();
        var attributes = new CatalogAttributes(java.util.Collections.nCopies(world.items().size(), List.of()), List.of(), ItemContent.NONE,
                new ChoiceMoments(world.positiveTimes(), java.time.ZoneOffset.UTC));
        TwoTowerModel model = new TwoTower(new TwoTower.Params(16, 1, 0.1, 64, 20, 0.01, false, 20, 0, 20, 0, 0, 40, 20,
                false, 1, true, 1.0, 3, 2)).fit(matrix, attributes);
        int[] history = java.util.stream.IntStream.range(matrix.rowStart()[0], matrix.rowStart()[1]).map(q -> matrix.cols()[q]).toArray();
        for (int hour : new int[] {8, 20}) {
            java.time.Instant request = java.time.Instant.parse("2026-03-02T00:00:00Z").plus(java.time.Duration.ofHours(hour).plusMinutes(30));
            float[] user = model.userVector(history, List.of(), model.contextKeys(request));
            long morning = java.util.stream.IntStream.range(0, world.items().size()).boxed()
                    .sorted(java.util.Comparator.comparingDouble((Integer i) -> -io.sieve.ann.VectorMath.dot(user, model.items().row(i))))
                    .limit(10).filter(i -> TasteClusters.genreOf(world.items().id(i)) == 0).count();
            assertTrue(hour == 8 ? morning >= 8 : morning <= 2, "at " + hour + ":30, " + morning + " of the top 10 are morning items");
        }
        assertTrue(model.contextKeys(java.time.Instant.EPOCH).contains("hour=0"));
        assertTrue(model.userVector(new int[0], List.of(), model.contextKeys(java.time.Instant.EPOCH)) == null,
                "context alone is no user: training never saw one");
    }
}
