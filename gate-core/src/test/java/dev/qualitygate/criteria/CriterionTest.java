package dev.qualitygate.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.criteria.Criterion.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The criteria language of keptn-semantics.md §2.1. */
class CriterionTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # text                 | operator | kind              | amount | canonical
            '<600'                 | LT       | ABSOLUTE          | 600    | <600
            '<=600'                | LE       | ABSOLUTE          | 600    | <=600
            '=0'                   | EQ       | ABSOLUTE          | 0      | =0
            '>=99.5'               | GE       | ABSOLUTE          | 99.5   | >=99.5
            '>5'                   | GT       | ABSOLUTE          | 5      | >5
            '  <= +10   %'         | LE       | RELATIVE_PERCENT  | 10     | <=+10%
            '<=+10%'               | LE       | RELATIVE_PERCENT  | 10     | <=+10%
            '<=10%'                | LE       | RELATIVE_PERCENT  | 10     | <=+10%
            '>=-10%'               | GE       | RELATIVE_PERCENT  | -10    | >=-10%
            '<+0%'                 | LT       | RELATIVE_PERCENT  | 0      | <+0%
            '<=+10'                | LE       | RELATIVE_ABSOLUTE | 10     | <=+10
            '>-5'                  | GT       | RELATIVE_ABSOLUTE | -5     | >-5
            '<=+50'                | LE       | RELATIVE_ABSOLUTE | 50     | <=+50
            '<1e3'                 | LT       | ABSOLUTE          | 1000   | <1000
            '<.5'                  | LT       | ABSOLUTE          | 0.5    | <0.5
            '<10.'                 | LT       | ABSOLUTE          | 10     | <10
            '<15.0'                | LT       | ABSOLUTE          | 15     | <15
            '< 1 0 0 0'            | LT       | ABSOLUTE          | 1000   | <1000
            '<=+1.5e1%'            | LE       | RELATIVE_PERCENT  | 15     | <=+15%
            '<2000000'             | LT       | ABSOLUTE          | 2e6    | <2e+06
            """)
    void parse_validText_readsOperatorKindAndAmount(
            String text, Operator operator, Kind kind, double amount, String canonical) {
        Criterion c = Criterion.parse(text);

        assertThat(c.operator()).isEqualTo(operator);
        assertThat(c.kind()).isEqualTo(kind);
        assertThat(c.amount()).isEqualTo(amount);
        assertThat(c.text()).isEqualTo(text);
        assertThat(c.toString()).isEqualTo(text);
        assertThat(c.canonical()).isEqualTo(canonical);
        assertThat(c.isRelative()).isEqualTo(kind != Kind.ABSOLUTE);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '=>5'
            '==5'
            '<>5'
            '~800'
            '!=5'
            '10'
            'less than 5'
            '<NaN'
            '<Inf'
            '<+Inf%'
            '>=-Infinity'
            '<nan'
            '<'
            '<='
            '<%'
            '<+'
            '<-%'
            ''
            '   '
            '<\t5'
            '\t<5'
            '<5\t'
            '<5%%'
            '<1e400'
            '<0x10'
            '<1_000'
            '<5d'
            '<5ms'
            """)
    void parse_invalidText_throwsInvalidCriterionException(String text) {
        assertThatThrownBy(() -> Criterion.parse(text))
                .isInstanceOf(InvalidCriterionException.class);
    }

    @Test
    void parse_onlySpacesRemoved_tabIsNotWhitespaceForTheParser() {
        assertThat(Criterion.parse(" < 5 ").amount()).isEqualTo(5);
        assertThatThrownBy(() -> Criterion.parse("<\t5")).isInstanceOf(InvalidCriterionException.class);
        assertThatThrownBy(() -> Criterion.parse("<5\n")).isInstanceOf(InvalidCriterionException.class);
    }

    @Test
    void parse_operatorOrder_firstMatchingPrefixWins() {
        // "<=" is tried before "<", ">=" before ">"; "=>5" leaves ">5" behind, which is not a number.
        assertThat(Criterion.parse("<=5").operator()).isEqualTo(Operator.LE);
        assertThat(Criterion.parse(">=5").operator()).isEqualTo(Operator.GE);
        assertThatThrownBy(() -> Criterion.parse("=>5")).isInstanceOf(InvalidCriterionException.class)
                .hasMessageContaining("number");
    }

    @Test
    void parse_noNumber_messageSaysTheNumberIsMissing() {
        assertThatThrownBy(() -> Criterion.parse("<=")).isInstanceOf(InvalidCriterionException.class)
                .hasMessageContaining("no number");
    }

    @Test
    void parse_noOperator_messageNamesTheOperators() {
        assertThatThrownBy(() -> Criterion.parse("~800")).isInstanceOf(InvalidCriterionException.class)
                .hasMessageContaining("<, <=, =, >=, >");
    }

    @Test
    void parse_percentWithAndWithoutPlus_areTheSameCriterionExceptForText() {
        Criterion implicit = Criterion.parse("<=10%");
        Criterion explicit = Criterion.parse("<=+10%");

        assertThat(implicit).isNotEqualTo(explicit);
        assertThat(implicit.operator()).isEqualTo(explicit.operator());
        assertThat(implicit.kind()).isEqualTo(explicit.kind());
        assertThat(implicit.amount()).isEqualTo(explicit.amount());
        assertThat(implicit.canonical()).isEqualTo(explicit.canonical()).isEqualTo("<=+10%");
    }

    @ParameterizedTest(name = "[{index}] {0} with baseline {1} -> target {2}")
    @CsvSource(delimiter = '|', textBlock = """
            <=+10%  | 200  | 220
            <=10%   | 200  | 220
            >=-10%  | 200  | 180
            <=+75%  | 200  | 350
            <=+100% | 200  | 400
            >=-80%  | 200  | 40
            <=+15%  | 10   | 11.5
            <=+10%  | 10   | 11
            <+0%    | 10   | 10
            <=+10   | 200  | 210
            >-5     | 200  | 195
            <=+10%  | 0    | 0
            >=-50%  | 0    | 0
            <=+5    | 0    | 5
            <=+10%  | -10  | -11
            >=-10%  | -10  | -9
            <=+10   | -10  | 0
            <600    | 1234 | 600
            =0      | 99   | 0
            """)
    void target_givenBaseline_computedAsKeptn(String text, double baseline, double expected) {
        assertThat(Criterion.parse(text).target(baseline)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void target_percent_isBaselineTimesHundredPlusPOverHundred() {
        // B x (100 + p) / 100 in this order, not B x (1 + p/100): both give different doubles for some inputs.
        double b = 0.1;
        assertThat(Criterion.parse("<=+7%").target(b)).isEqualTo((b * (100.0 + 7)) / 100.0);
        assertThat(Criterion.parse(">=-3%").target(b)).isEqualTo((b * (100.0 - 3)) / 100.0);
    }

    @Test
    void target_absolute_ignoresBaseline() {
        Criterion c = Criterion.parse("<600");
        assertThat(c.target(0)).isEqualTo(600);
        assertThat(c.target(-1e9)).isEqualTo(600);
    }

    @ParameterizedTest(name = "[{index}] {1} {0} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            <   | 10   | 11   | true
            <   | 11   | 11   | false
            <=  | 11   | 11   | true
            <=  | 11.01| 11   | false
            =   | 0    | 0    | true
            =   | 0.1  | 0    | false
            >=  | 11   | 11   | true
            >=  | 10.99| 11   | false
            >   | 11   | 11   | false
            >   | 12   | 11   | true
            """)
    void isMetBy_comparesWithoutTolerance(String operator, double value, double target, boolean expected) {
        assertThat(Criterion.parse(operator + "1").isMetBy(value, target)).isEqualTo(expected);
    }

    @Test
    void isMetBy_equality_isExactDoubleEquality() {
        Criterion c = Criterion.parse("=0.3");
        assertThat(c.isMetBy(0.1 + 0.2, c.target(0))).isFalse();
        assertThat(c.isMetBy(0.3, c.target(0))).isTrue();
    }

    @Test
    void of_buildsCanonicalText_whichParsesBackToAnEqualCriterion() {
        Criterion c = Criterion.of(Operator.GE, Kind.RELATIVE_PERCENT, -10);

        assertThat(c.text()).isEqualTo(">=-10%");
        assertThat(c.toString()).isEqualTo(">=-10%");
        assertThat(Criterion.parse(c.toString())).isEqualTo(c);
    }

    @Test
    void of_relativeAbsolute_writesExplicitPlus() {
        assertThat(Criterion.of(Operator.LE, Kind.RELATIVE_ABSOLUTE, 50).text()).isEqualTo("<=+50");
        assertThat(Criterion.of(Operator.LT, Kind.ABSOLUTE, 0.0001).text()).isEqualTo("<0.0001");
        assertThat(Criterion.of(Operator.LT, Kind.ABSOLUTE, 0.00001).text()).isEqualTo("<1e-05");
    }

    @Test
    void of_negativeAbsolute_isRefusedBecauseASignMakesItRelative() {
        assertThatThrownBy(() -> Criterion.of(Operator.LT, Kind.ABSOLUTE, -5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_nonFiniteAmount_isRefused() {
        assertThatThrownBy(() -> new Criterion("<x", Operator.LT, Kind.ABSOLUTE, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Criterion("<x", Operator.LT, Kind.ABSOLUTE, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonical_keepsOriginalTextInToString() {
        Criterion c = Criterion.parse(" >= - 80 % ");

        assertThat(c.toString()).isEqualTo(" >= - 80 % ");
        assertThat(c.canonical()).isEqualTo(">=-80%");
        assertThat(Criterion.parse(c.canonical()).amount()).isEqualTo(-80);
    }

    @Test
    void operator_prefersLarger_onlyForGreaterThanOperators() {
        assertThat(Operator.GT.prefersLarger()).isTrue();
        assertThat(Operator.GE.prefersLarger()).isTrue();
        assertThat(Operator.LT.prefersLarger()).isFalse();
        assertThat(Operator.LE.prefersLarger()).isFalse();
        assertThat(Operator.EQ.prefersLarger()).isFalse();
    }
}
