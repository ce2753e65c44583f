package dev.qualitygate.criteria;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles the way Go's {@code fmt} verb {@code %v} does ({@code 74}, {@code 75.3},
 * {@code 83.33333333333334}, {@code 1e+06}), so that messages read exactly like Keptn's.
 *
 * @since 0.1
 */
public final class GoNumbers {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile(
            "[+-]?0[xX](?:[0-9a-fA-F]+(?:\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(?i:inf|infinity|nan)");

    private GoNumbers() {
    }

    /**
     * Parses a finite number written as Go's {@code strconv.ParseFloat} accepts it (decimal with optional exponent,
     * or hexadecimal with a {@code p} exponent), which is how Keptn read numbers in criteria and total scores.
     * Leading or trailing whitespace is not accepted.
     *
     * @param text the number
     * @return the value
     * @throws NumberFormatException if the text is not such a number, or is NaN or infinite; the message says which
     */
    public static double parseFinite(String text) {
        if (NOT_FINITE.matcher(text).matches()) {
            throw new NumberFormatException("the number must be finite");
        }
        if (!DECIMAL.matcher(text).matches() && !HEX.matcher(text).matches()) {
            throw new NumberFormatException(text.isEmpty() ? "a number is missing" : "\"" + text + "\" is not a number");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("\"" + text + "\" is out of the range of a double");
        }
        return value;
    }

    /**
     * Formats a double as Go's {@code %v}: the shortest decimal that reads back as the same double, in plain notation
     * when the decimal exponent is in [-4, 6), otherwise as {@code d.ddde+XX} ({@code 1e+06}, {@code 1.5e-05}).
     *
     * @param value any double
     * @return the text; {@code NaN}, {@code +Inf} and {@code -Inf} for the special values
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return Long.toString((long) value);
        }
        BigDecimal shortest = shortest(value);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder sb = new StringBuilder();
        if (value < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= 6) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else {
            sb.append(shortest.abs().toPlainString());
        }
        return sb.toString();
    }

    /** The shortest decimal that reads back as {@code value}; Java 17's toString is not always the shortest. */
    private static BigDecimal shortest(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        while (decimal.precision() > 1) {
            BigDecimal shorter = decimal.round(new MathContext(decimal.precision() - 1, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() != value) {
                break;
            }
            decimal = shorter.stripTrailingZeros();
        }
        return decimal;
    }

}
