package io.sieve.minilm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.content.TextEncoder;
import io.sieve.content.TextEncoders;
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

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
