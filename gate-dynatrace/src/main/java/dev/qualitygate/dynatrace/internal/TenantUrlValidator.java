package dev.qualitygate.dynatrace.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Checks {@link TenantUrl}. Internal; not API. */
public final class TenantUrlValidator implements ConstraintValidator<TenantUrl, String> {

    /** For the validator. */
    public TenantUrlValidator() {
    }

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = TenantUrls.problem(value);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("}", "\\}")
                .replace("$", "\\$")).addConstraintViolation();
        return false;
    }
}
