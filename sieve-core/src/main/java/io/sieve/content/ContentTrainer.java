package io.sieve.content;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndexes;
import io.sieve.ann.ItemIndex;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes the whole catalog in batches, logging progress, and indexes the vectors. */
public final class ContentTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ContentTrainer.class);
    private static final int BATCH = 256;

    private final String encoderName;
    private final int dimension;
    private final AnnParams ann;

    public ContentTrainer(String encoderName, int dimension, AnnParams ann) {
        this.encoderName = encoderName;
        this.dimension = dimension;
        this.ann = ann;
    }

    public ContentModel train(Store store) {
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        store.forEachItem(item -> {
            ids.add(item.id());
            texts.add(ItemText.of(item));
        });
        if (ids.isEmpty()) {
            return ContentModel.NONE;
        }
        long start = System.nanoTime();
        TextEncoder encoder = TextEncoders.fit(encoderName, texts, dimension);
        int dim = encoder.dimension();
        float[] flat = new float[ids.size() * dim];
        long lastLog = start;
        for (int from = 0; from < texts.size(); from += BATCH) {
            float[][] batch = encoder.encode(texts.subList(from, Math.min(texts.size(), from + BATCH)));
            for (int i = 0; i < batch.length; i++) {
                System.arraycopy(batch[i], 0, flat, (from + i) * dim, dim);
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                LOG.info("content: {} of {} items encoded", from + batch.length, texts.size());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("content: {} items encoded with {} ({} dimensions) in {} s ({} items/s)", ids.size(), encoder.name(), dim,
                String.format(java.util.Locale.ROOT, "%.1f", seconds), Math.round(ids.size() / Math.max(seconds, 1e-9)));
        return new ContentModel(encoder, new ItemIndex(ids), VectorIndexes.build(flat, ids.size(), dim, ann));
    }
}
