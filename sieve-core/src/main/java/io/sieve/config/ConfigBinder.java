package io.sieve.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds the merged tree to {@link SieveConfig}, going on past every mistake Jackson lets it
 * recover from (an unknown key is skipped; a value of the wrong kind, an unknown enum name, is
 * replaced by a placeholder), so that one run reports them all, each with its dotted key.
 */
final class ConfigBinder {
    private ConfigBinder() {
    }

    /** The bound configuration, or null when binding could not finish; its problems go to {@code problems}. */
    static SieveConfig bind(ObjectMapper yaml, JsonNode tree, Problems problems) {
        try {
            return yaml.readerFor(SieveConfig.class).withHandler(new Collector(problems)).readValue(tree);
        } catch (InvalidFormatException e) {
            Object value = e.getValue();
            problems.add(keyOf(e), (value instanceof Number ? value : "'" + value + "'") + " is not " + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            // FAIL_ON_NULL_FOR_PRIMITIVES: a number or flag left empty, which Jackson reports past any handler.
            boolean empty = e.getTargetType() != null && e.getTargetType().isPrimitive() && e.getOriginalMessage().contains("`null`");
            problems.add(keyOf(e), empty ? "must not be null" : firstLine(e));
        } catch (JsonMappingException e) {
            problems.add(keyOf(e), firstLine(e));
        } catch (IOException e) {
            problems.add("(top level)", String.valueOf(e.getMessage()));
        }
        return null;
    }

    private static String firstLine(JsonMappingException e) {
        return e.getOriginalMessage().lines().findFirst().orElse("cannot be read");
    }

    private static String keyOf(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.isEmpty() ? "(top level)" : key.toString();
    }

    /** Records each problem with the key the parser stands at, and says how binding goes on. */
    private static final class Collector extends DeserializationProblemHandler {
        private final Problems problems;

        Collector(Problems problems) {
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            problems.add(keyOf(p), "unknown key; known keys here: " + new TreeSet<>(deserializer.getKnownPropertyNames()));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                             String failureMsg) {
            problems.unbound(keyOf(ctxt.getParser()), "'" + valueToConvert + "' is not " + expected(targetType));
            return placeholder(targetType);
        }

        @Override
        public Object handleWeirdKey(DeserializationContext ctxt, Class<?> rawKeyType, String keyValue, String failureMsg) {
            problems.unbound(keyOf(ctxt.getParser()), "'" + keyValue + "' is not " + expected(rawKeyType));
            return placeholder(rawKeyType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                             String failureMsg) {
            problems.unbound(keyOf(ctxt.getParser()), valueToConvert + " is not " + expected(targetType));
            return placeholder(targetType);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            problems.unbound(keyOf(p), "must be " + expected(targetType.getRawClass()) + ", was " + describe(t));
            p.skipChildren();
            return placeholder(targetType.getRawClass());
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator inst,
                                                JsonParser p, String msg) throws IOException {
            problems.unbound(keyOf(p), "must be " + expected(instClass) + ", was " + describe(p.currentToken()));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                                                 Throwable t) throws IOException {
            problems.unbound(keyOf(ctxt.getParser()), "cannot be read: " + t.getMessage());
            return null;
        }
    }

    /** The dotted key of the value the parser stands at: {@code retrieval.sources.als.quota}, {@code rerank.chain[1]}. */
    static String keyOf(JsonParser p) {
        StringBuilder key = new StringBuilder();
        JsonStreamContext at = p.getParsingContext();
        // On the start of a list or a mapping the parser already stands inside it.
        if (p.currentToken() == JsonToken.START_ARRAY || p.currentToken() == JsonToken.START_OBJECT) {
            at = at.getParent();
        }
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                key.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                key.insert(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return key.isEmpty() ? "(top level)" : key.toString();
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "text";
        }
        return "a mapping of keys";
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping of keys";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "empty";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** What stands in for a value that could not be bound; never reported (see {@link Problems}). */
    private static Object placeholder(Class<?> type) {
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == int.class || type == Integer.class) {
            return 0;
        }
        if (type == long.class || type == Long.class) {
            return 0L;
        }
        if (type == double.class || type == Double.class) {
            return 0.0;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        // An empty list or map of the very class Jackson asked for (ArrayList, LinkedHashMap); null for a record.
        try {
            return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                    ? type.getDeclaredConstructor().newInstance() : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
