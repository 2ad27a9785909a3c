package io.sieve.ann;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense integer indexes for item ids, so that tables in a bundle are arrays rather than maps. */
public final class ItemIndex {
    private final String[] ids;
    private final Map<String, Integer> byId;

    public ItemIndex(List<String> ids) {
        this.ids = ids.toArray(String[]::new);
        this.byId = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < this.ids.length; i++) {
            byId.put(this.ids[i], i);
        }
    }

    public int size() {
        return ids.length;
    }

    public String id(int index) {
        return ids[index];
    }

    /** The index of {@code id}, or -1 when the bundle has never seen the item. */
    public int indexOf(String id) {
        Integer i = byId.get(id);
        return i == null ? -1 : i;
    }

    public List<String> ids() {
        return List.of(ids);
    }
}
