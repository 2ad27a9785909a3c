package io.sieve.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.Collection;
import java.util.List;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a bound configuration once: the constraints its records declare (Hibernate Validator),
 * each violation as {@code key: message, was value}, then the {@link CrossChecks} between keys.
 */
final class ConfigValidator {
    /**
     * Messages take parameters only ({@code {value}}), never expressions, so no Expression Language
     * implementation is needed: ParameterMessageInterpolator. The provider is given, not looked up
     * through ServiceLoader, since it is the only one there is.
     */
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .providerResolver(() -> List.of(new HibernateValidator()))
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private ConfigValidator() {
    }

    static void check(SieveConfig config, Problems problems) {
        boolean complete = true;
        for (ConstraintViolation<SieveConfig> v : VALIDATOR.validate(config)) {
            Object value = v.getInvalidValue();
            problems.add(keyOf(v.getPropertyPath()), v.getMessage() + (value == null ? "" : ", was " + shown(value)));
            complete &= !(v.getConstraintDescriptor().getAnnotation() instanceof NotNull);
        }
        // The checks between keys read values that must be there; a missing one is reported above.
        if (complete) {
            CrossChecks.run(config, problems);
        }
    }

    /** {@code retrieval.sources[als].quota} as the key the file writes: {@code retrieval.sources.als.quota}. */
    static String keyOf(Path path) {
        StringBuilder key = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKey() != null) {
                key.append('.').append(node.getKey());
            } else if (node.getIndex() != null) {
                key.append('[').append(node.getIndex()).append(']');
            }
            // A container element's own name (<list element>, <map value>) is no key.
            if (node.getName() != null && !node.getName().startsWith("<")) {
                key.append(key.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return key.isEmpty() ? "(top level)" : key.toString();
    }

    private static String shown(Object value) {
        return value instanceof CharSequence || value instanceof Enum<?> ? "'" + value + "'"
                : value instanceof Collection<?> c ? c.toString() : String.valueOf(value);
    }
}
