package dev.qualitygate.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",
        "412, 412",
        "412.734, 412.7",
        "0.21, 0.21",
        "-3.25, -3.25",
        "9999, 9999",
        "12345, 12.35k",
        "999999, 1M",
        "10000, 10k",
        "1500000, 1.5M",
        "-12345678, -12.35M",
        "0.0012345, 0.001235",
        "0.00012345, 1.2e-4",
        "3e-9, 3e-9",
        "1e20, 100E"})
    void compact_number_fitsACell(double value, String expected) {
        assertThat(Html.compact(value)).isEqualTo(expected);
        assertThat(expected.length()).isLessThanOrEqualTo(8);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",
        "464.93333333333334, 464.933",
        "422.6666666666667, 422.667",
        "1085.1, 1085.1",
        "0.1, 0.1",
        "1234567.89, 1.23457e+06",
        "0.000012345678, 1.23457e-05"})
    void readable_number_hasAtMostSixSignificantDigits(double value, String expected) {
        assertThat(Html.readable(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",
        "1.04, 1",
        "1.05, 1.1",
        "-0.04, 0",
        "-2.25, -2.2",
        "87.5, 87.5",
        "100, 100"})
    void tenths_number_roundsToOneDecimal(double value, String expected) {
        assertThat(new Html(8).tenths(value).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a < b && c > d | a &lt; b &amp;&amp; c &gt; d | a &lt; b &amp;&amp; c &gt; d",
        "say \"hi\" 'there' | say \"hi\" 'there' | say &quot;hi&quot; &#39;there&#39;"})
    void textAndAttr_markup_isEscaped(String input, String text, String attr) {
        assertThat(new Html(16).text(input).toString()).isEqualTo(text);
        assertThat(new Html(16).attr(input).toString()).isEqualTo(attr);
    }

    @org.junit.jupiter.api.Test
    void text_charactersHtmlForbids_becomeReplacementCharacters() {
        String input = "nul\u0000 bell\u0007 del\u007F lone\uD800 pair\uD83D\uDE00 tab\tline\n";

        assertThat(new Html(16).text(input).toString())
                .isEqualTo("nul\uFFFD bell\uFFFD del\uFFFD lone\uFFFD pair\uD83D\uDE00 tab\tline\n");
    }
}
