package dev.qualitygate.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code %v} formatting of float64 and Go's ParseFloat, as Keptn used them. */
class GoNumbersTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            74                  | 74
            75.3                | 75.3
            83.33333333333334   | 83.33333333333334
            66.66666666666666   | 66.66666666666666
            0                   | 0
            1                   | 1
            100                 | 100
            0.5                 | 0.5
            1e6                 | 1e+06
            1000000             | 1e+06
            999999              | 999999
            999999.5            | 999999.5
            1234567             | 1.234567e+06
            123456.0            | 123456
            123456.7            | 123456.7
            0.0001              | 0.0001
            0.00012             | 0.00012
            0.00001             | 1e-05
            0.000015            | 1.5e-05
            1e21                | 1e+21
            1e100               | 1e+100
            1e-100              | 1e-100
            5e-324              | 5e-324
            1.7976931348623157e308 | 1.7976931348623157e+308
            0.1                 | 0.1
            0.30000000000000004 | 0.30000000000000004
            2e-7                | 2e-07
            -74                 | -74
            -75.3               | -75.3
            -1e6                | -1e+06
            -0.00001            | -1e-05
            -0.0001             | -0.0001
            """)
    void format_likeGoPercentV(double value, String expected) {
        assertThat(GoNumbers.format(value)).isEqualTo(expected);
    }

    @Test
    void format_computedScores_matchKeptnMessages() {
        assertThat(GoNumbers.format(100.0 * (2.0 / 3.0))).isEqualTo("66.66666666666666");
        assertThat(GoNumbers.format(100.0 * (5.0 / 6.0))).isEqualTo("83.33333333333334");
        assertThat(GoNumbers.format(100.0 * (1.506 / 2.0))).isEqualTo("75.3");
        assertThat(GoNumbers.format(100.0 * (1.48 / 2.0))).isEqualTo("74");
    }

    @Test
    void format_specialValues_likeGo() {
        assertThat(GoNumbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(GoNumbers.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(GoNumbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(GoNumbers.format(-0.0)).isEqualTo("-0");
    }

    @Test
    void format_shortestRepresentation_readsBackAsTheSameDouble() {
        double[] samples = {1.0 / 3, 2.0 / 3, Math.PI, Math.E, 1e23, 9007199254740993.0, 4.35, 0.1 + 0.7, 123.456e10,
            Double.MIN_NORMAL, 2.2250738585072014E-308};
        for (double d : samples) {
            assertThat(Double.parseDouble(GoNumbers.format(d))).as("format(%s)", d).isEqualTo(d);
        }
    }

    @Test
    void format_subnormalsJava17PrintsTooLong_stillShortest() {
        // Java 17's Double.toString prints these with one digit too many (JDK-4511638, fixed in JDK 19).
        assertThat(Double.toString(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(GoNumbers.format(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(GoNumbers.format(2 * Double.MIN_VALUE)).isEqualTo("1e-323");
        assertThat(GoNumbers.format(20 * Double.MIN_VALUE)).isEqualTo("1e-322");
        assertThat(GoNumbers.format(-Double.MIN_VALUE)).isEqualTo("-5e-324");
    }

    @Test
    void format_largeAndSmallNormals_goExponentForm() {
        assertThat(GoNumbers.format(2.0e-3)).isEqualTo("0.002");
        assertThat(GoNumbers.format(1.0e23)).isEqualTo("1e+23");
        assertThat(GoNumbers.format(8.41e21)).isEqualTo("8.41e+21");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '10'       | 10
            '0'        | 0
            '-5'       | -5
            '+5'       | 5
            '1e3'      | 1000
            '1E3'      | 1000
            '1e+3'     | 1000
            '1e-3'     | 0.001
            '.5'       | 0.5
            '10.'      | 10
            '007'      | 7
            '99.5'     | 99.5
            '0x1p-2'   | 0.25
            '0X1.8P1'  | 3
            '1e-400'   | 0
            """)
    void parseFinite_goSyntax_accepted(String text, double expected) {
        assertThat(GoNumbers.parseFinite(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''
            ' 5'
            '5 '
            'NaN'
            'nan'
            'Inf'
            '+Inf'
            '-inf'
            'Infinity'
            '1e400'
            '-1e400'
            'abc'
            '1_000'
            '0x10'
            '5d'
            '5f'
            '1e'
            'e3'
            '.'
            '+'
            '-'
            '1.2.3'
            '1,5'
            '--5'
            """)
    void parseFinite_notAFiniteGoNumber_throwsNumberFormatException(String text) {
        assertThatThrownBy(() -> GoNumbers.parseFinite(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void parseFinite_messages_sayWhatIsWrong() {
        assertThatThrownBy(() -> GoNumbers.parseFinite("")).hasMessageContaining("missing");
        assertThatThrownBy(() -> GoNumbers.parseFinite("NaN")).hasMessageContaining("finite");
        assertThatThrownBy(() -> GoNumbers.parseFinite("1e999")).hasMessageContaining("range");
        assertThatThrownBy(() -> GoNumbers.parseFinite("abc")).hasMessageContaining("\"abc\" is not a number");
    }
}
