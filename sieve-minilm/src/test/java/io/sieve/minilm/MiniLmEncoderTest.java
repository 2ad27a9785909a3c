package io.sieve.minilm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.content.TextEncoder;
import io.sieve.content.TextEncoders;
import io.sieve.nativelib.NativeCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence model is found by name and puts meanings, not words, close together. */
class MiniLmEncoderTest {
    @Test
    void meaningsMatchWhereWordsDoNot() {
        TextEncoder encoder = TextEncoders.load("minilm", new float[0], 0);
        float[][] v = encoder.encode(List.of(
                "something light and funny for a rainy sunday",
                "A hilarious comedy about two clumsy friends on a road trip",
                "A grim documentary about war crimes and genocide"));
        assertEquals(384, v[0].length);
        assertEquals(1.0, dot(v[1], v[1]), 1e-4);
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.1,
                "comedy " + dot(v[0], v[1]) + " against documentary " + dot(v[0], v[2]));
    }

    /** ONNX Runtime comes from Sieve's content-addressed cache, not from a copy of its own in the temporary directory. */
    @Test
    void onnxRuntimeIsLoadedFromTheNativeCache() throws Exception {
        TextEncoders.load("minilm", new float[0], 0).encode(List.of("anything"));
        String dir = System.getProperty("onnxruntime.native.path");
        assertTrue(dir.startsWith(NativeCache.root().resolve("onnxruntime-").toString()), dir);
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        assertTrue(maps.stream().anyMatch(l -> l.endsWith(dir + "/libonnxruntime.so")), dir);
        assertTrue(maps.stream().anyMatch(l -> l.endsWith(dir + "/libonnxruntime4j_jni.so")), dir);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
