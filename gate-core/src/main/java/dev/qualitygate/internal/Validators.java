package dev.qualitygate.internal;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The one Jakarta {@link Validator} of QualityGate: Hibernate Validator with the parameter interpolator, so hosts
 * need no Expression Language implementation. Built on first use. Internal; not API.
 */
public final class Validators {
    private Validators() {
    }

    /**
     * The shared, thread-safe validator.
     *
     * @return the validator
     */
    public static Validator validator() {
        return Holder.VALIDATOR;
    }

    private static final class Holder {
        private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }
}
