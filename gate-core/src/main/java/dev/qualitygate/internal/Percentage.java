package dev.qualitygate.internal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated string must be a percentage between 0 and 100 with an optional trailing {@code %}, as Keptn's
 * {@code total_score} values are written ({@code "90%"}, {@code 90}). Internal; not API.
 */
@Constraint(validatedBy = PercentageValidator.class)
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Percentage {
    /** @return the message */
    String message() default "must be a percentage between 0 and 100, such as \"90%\"";

    /** @return validation groups */
    Class<?>[] groups() default {};

    /** @return payload */
    Class<? extends Payload>[] payload() default {};
}
