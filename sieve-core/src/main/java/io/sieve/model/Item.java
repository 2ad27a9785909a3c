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

    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        Ids.check("id", id, errors);
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i) == null || categories.get(i).isBlank()) {
                errors.add(new FieldError("categories[" + i + "]", "must not be blank"));
            }
        }
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null || tags.get(i).isBlank()) {
                errors.add(new FieldError("tags[" + i + "]", "must not be blank"));
            }
        }
        Attributes.validate(attributes, errors);
        return errors;
    }
}
