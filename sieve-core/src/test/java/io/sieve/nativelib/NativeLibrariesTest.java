package io.sieve.nativelib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native libraries are loaded from this process's private locations, never from the fixed names
 * in the temporary directory that every lightgbm4j process rewrites; an installed file is never
 * rewritten.
 */
class NativeLibrariesTest {

    @Test
    void librariesAreMappedFromPrivateLocations() throws Exception {
        NativeLibraries.rocksDb();
        NativeLibraries.lightGbm();
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        String root = NativeCache.root().toString();
        assertTrue(maps.stream().anyMatch(l -> l.contains(root + "/rocksdb-") && l.contains("librocksdbjni")),
                "RocksDB comes from the content-addressed cache");
        assertTrue(maps.stream().anyMatch(l -> l.contains(root + "/lightgbm4j-staging/") && l.contains("lib_lightgbm.so")),
                "LightGBM comes from this process's own directory");
        String shared = Path.of(System.getProperty("java.io.tmpdir"), "lib_lightgbm").toString();
        assertFalse(maps.stream().anyMatch(l -> l.contains(shared)), "nothing is mapped from the shared temporary names");
        assertTrue(maps.stream().filter(l -> l.contains("lib_lightgbm")).allMatch(l -> l.endsWith("(deleted)")),
                "the private copies are unlinked once loaded, so no other process can open them");
    }

    @Test
    void anInstalledFileIsNeverRewrittenAndADamagedOneIsReplacedBesideIt(@TempDir Path dir) throws Exception {
        byte[] library = "pretend this is a shared object".getBytes(StandardCharsets.UTF_8);
        NativeCache.installFile(dir, "lib.so", library);
        Path file = dir.resolve("lib.so");
        Object inode = Files.getAttribute(file, "unix:ino");

        NativeCache.installFile(dir, "lib.so", library);
        assertEquals(inode, Files.getAttribute(file, "unix:ino"), "an intact file stays as it is");

        Files.write(file, "damaged".getBytes(StandardCharsets.UTF_8));
        NativeCache.installFile(dir, "lib.so", library);
        assertNotEquals(inode, Files.getAttribute(file, "unix:ino"), "a fresh file takes the name");
        assertArrayEquals(library, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("damaged"), files.filter(p -> p.getFileName().toString().contains(".damaged-"))
                    .map(p -> readString(p)).toList(), "the damaged file was renamed, not rewritten");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial file is left");
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
