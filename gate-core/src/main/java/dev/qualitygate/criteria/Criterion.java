package dev.qualitygate.criteria;

import java.util.Objects;

/**
 * One criterion of an SLO objective, such as {@code <600}, {@code <=+10%} or {@code >=-5}, parsed once.
 *
 * <p>The language is Keptn's, read exactly as Keptn 1.4's lighthouse read it:
 * <ul>
 *   <li>every ASCII space is removed first ({@code "< = +10 %"} is {@code "<=+10%"});</li>
 *   <li>the operator is the first of {@code <=}, {@code <}, {@code =}, {@code >=}, {@code >} that prefixes the text;</li>
 *   <li>a trailing {@code %} makes the criterion a change relative to the baseline in percent ({@code <=10%} is
 *       the same as {@code <=+10%});</li>
 *   <li>a leading {@code +} or {@code -} makes it relative too; without {@code %} it is a change in absolute units
 *       ({@code <=+50} means "at most 50 above the baseline");</li>
 *   <li>anything else is an absolute threshold ({@code <600}).</li>
 * </ul>
 * Unlike Keptn, a number that is not finite ({@code <NaN}, {@code <Inf}) is refused.
 *
 * <p>Equality includes the original {@link #text()}, which {@link #toString()} returns, so
 * {@code Criterion.parse(c.toString()).equals(c)} holds for every criterion.
 *
 * @param text the criterion as written in the file, spaces kept; reported back in results
 * @param operator the comparison operator
 * @param kind absolute threshold, or a change relative to the baseline in percent or in units
 * @param amount the threshold for {@link Kind#ABSOLUTE}; otherwise the signed change ({@code -10} for
 *     {@code >=-10%})
 * @since 0.1
 */
public record Criterion(String text, Operator operator, Kind kind, double amount) {

    /** How the target value of a criterion is derived. */
    public enum Kind {
        /** The target is the number itself: {@code <600}. */
        ABSOLUTE,
        /** The target is the baseline changed by a percentage: {@code <=+10%} → baseline × 1.1. */
        RELATIVE_PERCENT,
        /** The target is the baseline plus or minus a number: {@code <=+50} → baseline + 50. */
        RELATIVE_ABSOLUTE
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code amount} is not finite
     */
    public Criterion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("amount must be finite, was " + amount);
        }
    }

    /**
     * Builds a criterion from its parts, with the canonical text ({@code <=+10%}, {@code <600}).
     *
     * @param operator the operator
     * @param kind the kind
     * @param amount the threshold, or the signed change for relative kinds
     * @return the criterion
     */
    public static Criterion of(Operator operator, Kind kind, double amount) {
        return new Criterion(canonicalText(operator, kind, amount), operator, kind, amount);
    }

    /**
     * Parses a criterion as Keptn does (see the class description).
     *
     * @param text the criterion as written
     * @return the parsed criterion, keeping {@code text} as it was
     * @throws InvalidCriterionException if the text is not a criterion; the message says why and how to write one
     */
    public static Criterion parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.replace(" ", "");
        Operator operator;
        if (s.startsWith("<=")) {
            operator = Operator.LE;
        } else if (s.startsWith("<")) {
            operator = Operator.LT;
        } else if (s.startsWith("=")) {
            operator = Operator.EQ;
        } else if (s.startsWith(">=")) {
            operator = Operator.GE;
        } else if (s.startsWith(">")) {
            operator = Operator.GT;
        } else {
            throw new InvalidCriterionException(
                    "a criterion must start with one of the operators <, <=, =, >=, > (for example \"<600\" or"
                            + " \"<=+10%\")");
        }
        String rest = s.substring(operator.symbol().length());
        Kind kind = Kind.ABSOLUTE;
        boolean percent = false;
        if (rest.endsWith("%")) {
            percent = true;
            kind = Kind.RELATIVE_PERCENT;
            rest = rest.substring(0, rest.length() - 1);
        }
        double sign = 1;
        if (rest.startsWith("-")) {
            sign = -1;
            rest = rest.substring(1);
            kind = percent ? Kind.RELATIVE_PERCENT : Kind.RELATIVE_ABSOLUTE;
        } else if (rest.startsWith("+")) {
            rest = rest.substring(1);
            kind = percent ? Kind.RELATIVE_PERCENT : Kind.RELATIVE_ABSOLUTE;
        }
        double number = parseNumber(rest);
        return new Criterion(text, operator, kind, kind == Kind.ABSOLUTE ? number : sign * number);
    }

    private static double parseNumber(String s) {
        if (s.isEmpty()) {
            throw new InvalidCriterionException(
                    "the criterion has no number after its operator (write it like \"<600\" or \"<=+10%\")");
        }
        try {
            return GoNumbers.parseFinite(s);
        } catch (NumberFormatException e) {
            throw new InvalidCriterionException("could not read the number of the criterion: " + e.getMessage()
                    + " (write it like \"<600\" or \"<=+10%\")");
        }
    }

    /**
     * Whether the target depends on the baseline (the aggregated values of earlier evaluations).
     *
     * @return {@code true} for {@link Kind#RELATIVE_PERCENT} and {@link Kind#RELATIVE_ABSOLUTE}
     */
    public boolean isRelative() {
        return kind != Kind.ABSOLUTE;
    }

    /**
     * The value a measurement is compared with, given the baseline.
     *
     * <p>Computed exactly as Keptn: {@code baseline * (100 + change) / 100} for percentages,
     * {@code baseline + change} for absolute changes, the number itself for absolute thresholds.
     *
     * @param baseline the aggregated earlier values; ignored for absolute criteria
     * @return the target value
     */
    public double target(double baseline) {
        switch (kind) {
            case ABSOLUTE:
                return amount;
            case RELATIVE_PERCENT:
                return (baseline * (100.0 + amount)) / 100.0;
            default:
                return baseline + amount;
        }
    }

    /**
     * Whether {@code value} meets this criterion against the given target.
     *
     * @param value the measured value
     * @param target the target from {@link #target(double)}
     * @return whether the value satisfies the operator
     */
    public boolean isMetBy(double value, double target) {
        return operator.test(value, target);
    }

    /**
     * The criterion in canonical form: no spaces, an explicit sign for relative changes, the shortest number.
     *
     * @return for example {@code <=+10%}, {@code >=-5}, {@code <600}
     */
    public String canonical() {
        return canonicalText(operator, kind, amount);
    }

    private static String canonicalText(Operator operator, Kind kind, double amount) {
        StringBuilder sb = new StringBuilder(operator.symbol());
        if (kind == Kind.ABSOLUTE) {
            if (amount < 0 || isNegativeZero(amount)) {
                throw new IllegalArgumentException(
                        "an absolute criterion cannot have a negative number (a sign makes it relative), was "
                                + amount);
            }
            sb.append(GoNumbers.format(amount));
        } else {
            boolean negative = amount < 0 || isNegativeZero(amount);
            sb.append(negative ? '-' : '+').append(GoNumbers.format(Math.abs(amount)));
            if (kind == Kind.RELATIVE_PERCENT) {
                sb.append('%');
            }
        }
        return sb.toString();
    }

    private static boolean isNegativeZero(double d) {
        return Double.doubleToRawLongBits(d) == Long.MIN_VALUE;
    }

    /** Returns the criterion as written. */
    @Override
    public String toString() {
        return text;
    }
}
