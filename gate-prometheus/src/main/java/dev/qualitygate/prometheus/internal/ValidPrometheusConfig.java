package dev.qualitygate.prometheus.internal;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rules of {@link dev.qualitygate.prometheus.PrometheusConfig} that single-setting constraints do not express;
 * each broken rule is reported under the setting it concerns, together with every other violation. Internal; not API.
 */
@Documented
@Constraint(validatedBy = PrometheusConfigValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPrometheusConfig {
    /**
     * Unused: each violation has its own message.
     *
     * @return the message
     */
    String message() default "invalid Prometheus settings";

    /**
     * Validation groups.
     *
     * @return none by default
     */
    Class<?>[] groups() default {};

    /**
     * Payload.
     *
     * @return none by default
     */
    Class<? extends Payload>[] payload() default {};
}
