package io.sieve.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A catalog entry. {@code available == false} keeps the item in the catalog (history, similar
 * items) but out of every recommendation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
        String id,
        String title,
        String description,
        List<String> categories,
        List<String> tags,
        Map<String, Object> attributes,
        @JsonDeserialize(using = FlexibleInstantDeserializer.class) Instant createdAt,
        Boolean available) {

    public Item {
        categories = categories == null ? List.of() : List.copyOf(categories);
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Attributes.copyOf(attributes);
        available = available == null ? Boolean.TRUE : available;
    }

    public static Item of(String id, String title, List<String> categories) {
        return new Item(id, title, null, categories, List.of(), Map.of(), null, true);
    }

    public boolean isAvailable() {
        return available;
    }

    /** Title when there is one, otherwise the id: what a person should read in a reason. */
    public String displayName() {
        return title == null || title.isBlank() ? id : title;
    }

    /**
     * The item's categories and tags as one vocabulary ({@code category:x}, {@code tag:y}): the
     * attribute nodes of graph and two-tower models, where a category and a tag of the same word differ.
     */
    public List<String> labelNames() {
        List<String> out = new ArrayList<>(categories.size() + tags.size());
        categories.forEach(c -> out.add("category:" + c));
        tags.forEach(t -> out.add("tag:" + t));
        return out;
    }

    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        Ids.check("id", id, errors);
        checkLabels("categories", categories, errors);
        checkLabels("tags", tags, errors);
        Attributes.validate(attributes, errors);
        return errors;
    }

    private static void checkLabels(String field, List<String> labels, List<FieldError> errors) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).isBlank()) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
            } else if (labels.get(i).length() > Ids.MAX_LENGTH) {
                errors.add(new FieldError(field + "[" + i + "]", "is longer than " + Ids.MAX_LENGTH + " characters"));
            }
        }
    }
}
