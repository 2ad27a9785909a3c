package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.ingest.Importer;
import io.sieve.server.SieveServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line, the server and import see stores only through the interfaces and
 * {@code store.url}: none of their compiled classes refers to a backend class. RocksDB's is
 * package-private, so the compiler already keeps it out; this keeps the memory store out too.
 */
class StoreBackendsUnnamedTest {
    private static final List<String> BACKENDS = List.of("io/sieve/store/InMemoryStore", "io/sieve/store/RocksStore");
    /** A main class of each package checked: where the package's compiled classes are found (never the tests'). */
    private static final List<Class<?>> PACKAGES = List.of(SieveCommand.class, SieveServer.class, Importer.class);

    @Test
    void noClassOfTheCommandLineTheServerOrImportNamesABackend() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> anchor : PACKAGES) {
            URI location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
            String pkg = anchor.getPackageName().replace('.', '/');
            int classes;
            if (Files.isDirectory(Path.of(location))) {
                classes = check(Path.of(location).resolve(pkg), offenders);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(Path.of(location))) {
                    classes = check(jar.getPath(pkg), offenders);
                }
            }
            assertTrue(classes > 10, "found only " + classes + " classes of " + pkg + " in " + location);
        }
        assertEquals(List.of(), offenders);
    }

    /** @return how many classes were checked */
    private static int check(Path dir, List<String> offenders) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            // A class names another in its constant pool: the internal name, in (modified) UTF-8.
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            BACKENDS.stream().filter(bytes::contains).forEach(b -> offenders.add(file + " names " + b));
        }
        return files.size();
    }
}
