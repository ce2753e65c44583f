package dev.qualitygate.prometheus.internal;

import dev.qualitygate.prometheus.PrometheusConfig;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.time.Duration;

/**
 * Checks the URL, the durations and the authentication settings of a {@link PrometheusConfig}, reporting each
 * problem under its setting. Internal; not API.
 */
public final class PrometheusConfigValidator implements ConstraintValidator<ValidPrometheusConfig, PrometheusConfig> {

    /** Created by the validator. */
    public PrometheusConfigValidator() {
        // stateless
    }

    @Override
    public boolean isValid(PrometheusConfig config, ConstraintValidatorContext context) {
        context.disableDefaultConstraintViolation();
        boolean valid = checkUrl(config.url(), context);
        valid &= positive("timeout", config.timeout(), context);
        valid &= positive("totalTimeout", config.totalTimeout(), context);
        if (config.retryBackoff().isNegative()) {
            valid = violation(context, "retryBackoff", "must not be negative, was " + config.retryBackoff());
        }
        if (config.token() != null && (config.username() != null || config.password() != null)) {
            valid = violation(context, "token", "give either token (bearer authentication) or username and password"
                    + " (basic authentication), not both");
        }
        if (config.token() != null && config.token().isEmpty()) {
            valid = violation(context, "token", "is empty");
        }
        if (config.username() != null && config.password() == null) {
            valid = violation(context, "password", "is required with username");
        }
        if (config.password() != null && config.username() == null) {
            valid = violation(context, "username", "is required with password");
        }
        return valid;
    }

    private static boolean checkUrl(URI url, ConstraintValidatorContext context) {
        if (url == null) {
            return true;
        }
        if (url.getRawUserInfo() != null) {
            return violation(context, "url", "must not contain credentials; set username and password (or token)"
                    + " instead, read from the environment or a file");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            return violation(context, "url", "must be an http or https URL with a host, such as"
                    + " http://127.0.0.1:9090, was " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            return violation(context, "url", "must not have a query or fragment; give the server's base URL, such as"
                    + " http://127.0.0.1:9090, was " + url);
        }
        return true;
    }

    private static boolean positive(String setting, Duration value, ConstraintValidatorContext context) {
        if (value.isZero() || value.isNegative()) {
            return violation(context, setting, "must be positive, such as 10s, was " + value);
        }
        return true;
    }

    /** Adds a violation under the setting; returns {@code false}. */
    private static boolean violation(ConstraintValidatorContext context, String setting, String message) {
        context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(setting)
                .addConstraintViolation();
        return false;
    }

    /** Keeps the message interpolator from reading parts of a value as parameters or expressions. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
