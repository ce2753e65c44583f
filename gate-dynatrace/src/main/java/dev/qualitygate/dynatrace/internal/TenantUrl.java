package dev.qualitygate.dynatrace.internal;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated text is the address of a Dynatrace environment, as {@link TenantUrls#parse(String)} accepts it;
 * {@code null} is valid. Internal; not API.
 */
@Documented
@Constraint(validatedBy = TenantUrlValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantUrl {
    /**
     * The message when the text is no environment address.
     *
     * @return the message
     */
    String message() default "must be the environment's address: https://{env-id}.live.dynatrace.com (SaaS), "
            + "https://{domain}/e/{env-id} (Managed) or https://{activegate}:9999/e/{env-id} (ActiveGate)";

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
