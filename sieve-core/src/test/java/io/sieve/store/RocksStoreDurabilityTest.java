package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Event;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksStoreDurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventSurvivesKillMinus9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AcknowledgingWriter.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        int acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged = Integer.parseInt(line.substring(4));
                    if (acknowledged >= 300) {
                        break;
                    }
                }
            }
            // SIGKILL: no shutdown hook, no close(), no flush of memtables.
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged >= 300, "the writer acknowledged only " + acknowledged + " events");

        Set<String> stored = new HashSet<>();
        try (RocksStore store = RocksStore.open(dataDir)) {
            store.forEachEvent(e -> stored.add(e.item()));
            for (int n = 0; n <= acknowledged; n++) {
                assertTrue(stored.contains("i" + n), "acknowledged event i" + n + " was lost");
            }
            Event latest = store.history("u" + (acknowledged % 7), 1).get(0);
            assertTrue(Integer.parseInt(latest.item().substring(1)) >= acknowledged);
        }
        assertEquals(true, stored.size() >= acknowledged + 1);
    }
}
