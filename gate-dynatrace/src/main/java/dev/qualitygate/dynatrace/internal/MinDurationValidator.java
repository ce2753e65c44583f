package dev.qualitygate.dynatrace.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Checks {@link MinDuration}. Internal; not API. */
public final class MinDurationValidator implements ConstraintValidator<MinDuration, Duration> {
    private Duration bound = Duration.ZERO;
    private boolean inclusive;

    /** For the validator. */
    public MinDurationValidator() {
    }

    @Override
    public void initialize(MinDuration annotation) {
        bound = Duration.ofSeconds(annotation.seconds());
        inclusive = annotation.inclusive();
    }

    @Override
    public boolean isValid(@Nullable Duration value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int c = value.compareTo(bound);
        if (c > 0 || (c == 0 && inclusive)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be " + (inclusive ? "at least " : "longer than ")
                + bound.toSeconds() + " s, was " + value.toMillis() + " ms").addConstraintViolation();
        return false;
    }
}
