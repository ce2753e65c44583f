package dev.qualitygate.criteria;

/**
 * The comparison operator of a {@link Criterion}. Comparisons are plain IEEE 754 double comparisons without
 * tolerance, so {@link #EQ} is exact equality, as in Keptn.
 *
 * @since 0.1
 */
public enum Operator {
    /** {@code <}: the value must be below the target. */
    LT("<"),
    /** {@code <=}: the value must not exceed the target. */
    LE("<="),
    /** {@code =}: the value must equal the target exactly. */
    EQ("="),
    /** {@code >=}: the value must not be below the target. */
    GE(">="),
    /** {@code >}: the value must be above the target. */
    GT(">");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /**
     * The operator as written in a criterion.
     *
     * @return one of {@code <}, {@code <=}, {@code =}, {@code >=}, {@code >}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Whether {@code value} satisfies this operator against {@code target}.
     *
     * @param value the measured value
     * @param target the target it is compared with
     * @return {@code value <op> target}
     */
    public boolean test(double value, double target) {
        switch (this) {
            case LT:
                return value < target;
            case LE:
                return value <= target;
            case EQ:
                return value == target;
            case GE:
                return value >= target;
            default:
                return value > target;
        }
    }

    /**
     * Whether a larger value is the better one for this operator ({@code >}, {@code >=}); {@code false} for
     * {@code <}, {@code <=} and {@code =}.
     *
     * @return {@code true} when the criterion asks for large values
     */
    public boolean prefersLarger() {
        return this == GT || this == GE;
    }
}
