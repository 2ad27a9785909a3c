package io.sieve.simulate;

import io.sieve.store.InMemoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test class whose simulations share one world, imported once: the shipped MovieLens latest-small. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorldTest {
    InMemoryStore world;

    @BeforeAll
    void importWorld() throws Exception {
        world = Worlds.movieLensLatestSmall();
    }

    @AfterAll
    void closeWorld() {
        world.close();
    }
}
