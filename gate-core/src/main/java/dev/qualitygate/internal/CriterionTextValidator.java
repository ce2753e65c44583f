package dev.qualitygate.internal;

import dev.qualitygate.criteria.Criterion;
import dev.qualitygate.criteria.InvalidCriterionException;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CriterionText} with {@link Criterion#parse(String)}. Internal; not API. */
public final class CriterionTextValidator implements ConstraintValidator<CriterionText, String> {
    /** Creates the validator. */
    public CriterionTextValidator() {
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            Criterion.parse(value);
            return true;
        } catch (InvalidCriterionException e) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(Messages.escape(e.getMessage())).addConstraintViolation();
            return false;
        }
    }
}
