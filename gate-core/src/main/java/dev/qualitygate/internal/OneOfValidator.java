package dev.qualitygate.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link OneOf}. Internal; not API. */
public final class OneOfValidator implements ConstraintValidator<OneOf, String> {
    private String[] accepted = new String[0];

    /** Creates the validator. */
    public OneOfValidator() {
    }

    @Override
    public void initialize(OneOf annotation) {
        accepted = annotation.value().clone();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        for (String a : accepted) {
            if (a.equalsIgnoreCase(value)) {
                return true;
            }
        }
        String suggestion = Messages.suggest(value, java.util.List.of(accepted));
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(Messages.escape("must be one of " + String.join(", ", accepted)
                + (suggestion == null ? "" : "; did you mean " + suggestion + "?"))).addConstraintViolation();
        return false;
    }
}
