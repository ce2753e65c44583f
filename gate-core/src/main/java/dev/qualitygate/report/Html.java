package dev.qualitygate.report;

import dev.qualitygate.criteria.GoNumbers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A growing HTML text with the escaping and number formats the HTML report needs; not thread-safe.
 *
 * <p>{@link #text} and {@link #attr} escape what they are given, {@link #raw} writes markup as it is. Characters that
 * HTML does not allow (C0 controls other than tab, line feed and carriage return, and lone surrogates) become
 * U+FFFD, so text from results can never break the page.
 */
final class Html {
    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_UP);
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);
    private static final String[] SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};

    private final StringBuilder sb;

    Html(int capacity) {
        sb = new StringBuilder(capacity);
    }

    /** Appends markup unchanged. */
    Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Appends one character of markup unchanged. */
    Html raw(char c) {
        sb.append(c);
        return this;
    }

    /** Appends an integer. */
    Html raw(int i) {
        sb.append(i);
        return this;
    }

    /** Appends text content, escaping {@code & < >}. */
    Html text(String text) {
        escape(text, false);
        return this;
    }

    /** Appends an attribute value (to be written between double quotes), escaping {@code & < > " '}. */
    Html attr(String value) {
        escape(value, true);
        return this;
    }

    /**
     * Appends a number rounded to one decimal, without a trailing {@code .0} (chart coordinates, scores); faster than
     * any general number format, which matters for charts with thousands of points.
     */
    Html tenths(double value) {
        long rounded = Math.round(value * 10);
        if (rounded < 0) {
            sb.append('-');
            rounded = -rounded;
        }
        sb.append(rounded / 10);
        long fraction = rounded % 10;
        if (fraction != 0) {
            sb.append('.').append(fraction);
        }
        return this;
    }

    int length() {
        return sb.length();
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append(attribute ? "&quot;" : "\"");
                    break;
                case '\'':
                    sb.append(attribute ? "&#39;" : "'");
                    break;
                default:
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                        sb.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                    break;
            }
        }
    }

    /**
     * A number for people: rounded to six significant digits ({@code 464.933} for {@code 464.93333333333334}),
     * written as {@link GoNumbers#format} writes it.
     *
     * @param value any number
     * @return the text
     */
    static String readable(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return GoNumbers.format(value);
        }
        return GoNumbers.format(BigDecimal.valueOf(value).round(SIX_DIGITS).doubleValue());
    }

    /**
     * A number short enough for a heatmap cell: at most four significant digits, plain below 10,000, then with a
     * suffix and one to three integer digits ({@code 12.35k}, {@code 1.5M}); magnitudes below 0.001 in e-notation
     * with two digits ({@code 1.2e-5}).
     *
     * @param value a finite number
     * @return at most seven characters for any value below 1e21
     */
    static String compact(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        double abs = Math.abs(value);
        if (abs < 1e-3) {
            BigDecimal d = BigDecimal.valueOf(value).round(new MathContext(2, RoundingMode.HALF_UP));
            int exponent = d.precision() - d.scale() - 1;
            BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + exponent;
        }
        int group = 0;
        BigDecimal d = BigDecimal.valueOf(value).round(FOUR_DIGITS);
        if (d.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            while (d.abs().compareTo(BigDecimal.valueOf(1_000)) >= 0 && group < SUFFIXES.length - 1) {
                d = d.movePointLeft(3).round(FOUR_DIGITS);
                group++;
            }
        }
        return d.stripTrailingZeros().toPlainString() + SUFFIXES[group];
    }
}
