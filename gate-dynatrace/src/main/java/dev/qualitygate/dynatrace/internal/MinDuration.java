package dev.qualitygate.dynatrace.internal;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated {@link java.time.Duration} is at least {@link #seconds()} long (longer, if not
 * {@link #inclusive()}); {@code null} is valid. Internal; not API.
 */
@Documented
@Constraint(validatedBy = MinDurationValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface MinDuration {
    /**
     * The least length in seconds.
     *
     * @return the bound
     */
    long seconds();

    /**
     * Whether the bound itself is allowed.
     *
     * @return {@code true} for "at least", {@code false} for "more than"
     */
    boolean inclusive();

    /**
     * The message.
     *
     * @return the message
     */
    String message() default "is too short";

    /**
     * Validation groups.
     *
     * @return the groups
     */
    Class<?>[] groups() default {};

    /**
     * Payload.
     *
     * @return the payload
     */
    Class<? extends Payload>[] payload() default {};
}
