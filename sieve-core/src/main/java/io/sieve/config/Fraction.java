package io.sieve.config;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A share that must hold some but not all of something (of a user's events held out, of the lists
 * early stopping watches): strictly between 0 and 1. One violation with one message, instead of the
 * two bounds' own.
 */
@DecimalMin(value = "0", inclusive = false)
@DecimalMax(value = "1", inclusive = false)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
@Documented
public @interface Fraction {
    String message() default "must be between 0 and 1 (exclusive)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
