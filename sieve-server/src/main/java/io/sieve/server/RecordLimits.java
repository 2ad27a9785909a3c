package io.sieve.server;

import io.sieve.config.SieveConfig;
import io.sieve.model.FieldError;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sizes a record sent to the API may have (the {@code limits} configuration). A record past
 * them could be stored, but would cost every request that reads it: a ten-megabyte title, or a
 * profile with a million categories, slows each recommendation for that item or user.
 */
final class RecordLimits {
    private final SieveConfig.LimitsConfig limits;

    RecordLimits(SieveConfig.LimitsConfig limits) {
        this.limits = limits;
    }

    List<FieldError> item(Item item) {
        List<FieldError> errors = new ArrayList<>();
        length(errors, "title", item.title(), limits.titleLength());
        length(errors, "description", item.description(), limits.descriptionLength());
        size(errors, "categories", item.categories(), limits.categories());
        size(errors, "tags", item.tags(), limits.tags());
        attributes(errors, item.attributes());
        return errors;
    }

    List<FieldError> user(User user) {
        List<FieldError> errors = new ArrayList<>();
        attributes(errors, user.attributes());
        return errors;
    }

    /** Onboarding picks; their categories end up in the user's profile. */
    List<FieldError> picks(List<String> categories, List<String> items) {
        List<FieldError> errors = new ArrayList<>();
        size(errors, "categories", categories, limits.onboardingCategories());
        size(errors, "items", items, limits.onboardingItems());
        return errors;
    }

    private void attributes(List<FieldError> errors, Map<String, Object> attributes) {
        if (attributes.size() > limits.attributes()) {
            errors.add(new FieldError("attributes", "has " + attributes.size() + " attributes; at most "
                    + limits.attributes() + " are accepted"));
        }
        attributes.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                size(errors, "attributes." + key, list, limits.attributeValues());
            }
        });
    }

    private static void length(List<FieldError> errors, String field, String text, int max) {
        if (text != null && text.length() > max) {
            errors.add(new FieldError(field, "is " + text.length() + " characters long; at most " + max + " are accepted"));
        }
    }

    private static void size(List<FieldError> errors, String field, List<?> list, int max) {
        if (list.size() > max) {
            errors.add(new FieldError(field, "has " + list.size() + " entries; at most " + max + " are accepted"));
        }
    }
}
