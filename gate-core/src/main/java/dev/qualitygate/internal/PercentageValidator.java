package dev.qualitygate.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Percentage}. Internal; not API. */
public final class PercentageValidator implements ConstraintValidator<Percentage, String> {
    /** Creates the validator. */
    public PercentageValidator() {
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            double d = Messages.percentage(value);
            return d >= 0 && d <= 100;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
