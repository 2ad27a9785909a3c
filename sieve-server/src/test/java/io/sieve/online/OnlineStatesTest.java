package io.sieve.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigException;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.store.InMemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlineStatesTest {
    private static SieveConfig withUrl(String url) {
        return ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("online.url", url));
    }

    private static String problem(String url) {
        return assertThrows(ConfigException.class, () -> OnlineStates.check(withUrl(url))).problems().getFirst();
    }

    @Test
    void anEmptyUrlKeepsTheStateInTheServer() {
        SieveConfig config = ConfigLoader.defaults();
        InMemoryStore store = new InMemoryStore();
        try (OnlineState state = OnlineStates.open(config, ItemStatistics.of(config), store)) {
            assertTrue(state.degraded().isEmpty());
            assertEquals(List.of(), state.recentImpressions("u1", 10));
        }
    }

    @Test
    void mistakesNameTheKeyAndTheReason() {
        assertEquals("online.url: unknown scheme 'memcached'; known: redis", problem("memcached://127.0.0.1:11211"));
        assertTrue(problem("cache-host").startsWith("online.url: 'cache-host' names no scheme"), problem("cache-host"));
        assertTrue(problem("redis://127.0.0.1:6379/cache").contains("the path must be a database number"));
        assertTrue(problem("redis:///0").contains("names no host"));
    }
}
