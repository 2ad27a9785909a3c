package io.sieve.rules;

import io.sieve.model.Item;
import io.sieve.model.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One business rule (see docs/RULES.md). Actions: {@code exclude} never shows items matching
 * {@code item}; {@code require} shows only items matching it; {@code boost} multiplies matching
 * items' relevance in the slate by {@code factor}; {@code pin} puts {@code items} at
 * {@code position}. A rule applies to a request when its surface is listed (or none are), the
 * request's moment is inside [from, until) and the user matches {@code user} (when given).
 * Exclude and require are filters: no stage, exploration and pins included, shows what they refuse.
 */
public record Rule(String name, String action, Condition item, Condition user, List<String> surfaces, Instant from,
                   Instant until, Double factor, List<String> items, Integer position) {

    public static final List<String> ACTIONS = List.of("exclude", "require", "boost", "pin");

    public Rule {
        surfaces = surfaces == null ? List.of() : List.copyOf(surfaces);
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A per-request filter: only items matching {@code condition}. */
    public static Rule require(String name, Condition condition) {
        return new Rule(name, "require", condition, null, null, null, null, null, null, null);
    }

    public boolean appliesTo(String surface, Instant at, User user) {
        return (surfaces.isEmpty() || surfaces.contains(surface))
                && (from == null || !at.isBefore(from))
                && (until == null || at.isBefore(until))
                && (this.user == null || this.user.test(values(user, this.user.attribute()), null));
    }

    public boolean matches(Item item, User user) {
        return this.item.test(values(item, this.item.attribute()), user == null ? Map.of() : user.attributes());
    }

    /** Item values of an attribute; {@code category}, {@code tag}, {@code id} and {@code available} are the item's own fields. */
    static List<Object> values(Item item, String attribute) {
        return switch (attribute) {
            case "category" -> List.copyOf(item.categories());
            case "tag" -> List.copyOf(item.tags());
            case "id" -> List.of(item.id());
            case "available" -> List.of(item.isAvailable());
            default -> Condition.asList(item.attributes().get(attribute));
        };
    }

    static List<Object> values(User user, String attribute) {
        if (user == null) {
            return List.of();
        }
        return "id".equals(attribute) ? List.of(user.id()) : Condition.asList(user.attributes().get(attribute));
    }

    /** What is wrong with this rule, each problem prefixed with {@code key}. */
    public List<String> problems(String key) {
        List<String> out = new ArrayList<>();
        if (!ACTIONS.contains(action)) {
            out.add(key + ".action: must be one of " + ACTIONS + ", was '" + action + "'");
            return out;
        }
        if ("pin".equals(action)) {
            if (items.isEmpty()) {
                out.add(key + ".items: a pin rule names the items to pin");
            }
            if (position == null || position < 1) {
                out.add(key + ".position: a pin rule needs a position from 1");
            }
        } else if (item == null) {
            out.add(key + ".item: an " + action + " rule needs an item condition");
        } else {
            out.addAll(item.problems(key + ".item"));
        }
        if ("boost".equals(action) && (factor == null || factor <= 0)) {
            out.add(key + ".factor: a boost rule needs a factor > 0");
        }
        if (user != null) {
            out.addAll(user.problems(key + ".user"));
            if (user.userAttribute() != null) {
                out.add(key + ".user.userAttribute: a user condition compares with a value, not another attribute");
            }
        }
        if (from != null && until != null && !from.isBefore(until)) {
            out.add(key + ": from must be before until");
        }
        return out;
    }
}
