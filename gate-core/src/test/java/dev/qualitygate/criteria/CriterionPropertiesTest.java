package dev.qualitygate.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.qualitygate.criteria.Criterion.Kind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the criteria language: round trips and the only exception parse may throw. */
class CriterionPropertiesTest {

    /** Finite amounts of every magnitude: small integers, decimals, and any finite double. */
    private static final Gen<Double> MAGNITUDES = Generate.oneOf(
            integers().between(0, 2000).map(Integer::doubleValue),
            integers().between(0, 100_000).map(i -> i / 100.0),
            doubles().between(0, 1e7),
            doubles().any().map(Math::abs).assuming(Double::isFinite),
            Generate.pick(java.util.List.of(0.0, 1e6, 1e-5, 0.0001, 123456.0, 5e-324, Double.MAX_VALUE)));

    private static final Gen<Boolean> NEGATIVE = Generate.booleans();

    /** A criterion built from its parts; absolute ones are non-negative (a sign makes a criterion relative). */
    private static final Gen<Criterion> CRITERIA = Generate.enumValues(Operator.class)
            .zip(Generate.enumValues(Kind.class), MAGNITUDES, NEGATIVE, (op, kind, magnitude, negative) ->
                    Criterion.of(op, kind, kind == Kind.ABSOLUTE || !negative ? magnitude : -magnitude));

    @Test
    void parse_toStringOfGeneratedCriterion_givesAnEqualCriterion() {
        qt().forAll(CRITERIA).checkAssert(c -> assertThat(Criterion.parse(c.toString())).isEqualTo(c));
    }

    @Test
    void parse_canonicalOfGeneratedCriterion_givesSameOperatorKindAndAmount() {
        qt().forAll(CRITERIA).checkAssert(c -> {
            Criterion back = Criterion.parse(c.canonical());
            assertThat(back.operator()).isEqualTo(c.operator());
            assertThat(back.kind()).isEqualTo(c.kind());
            assertThat(back.amount()).isEqualTo(c.amount());
            assertThat(back.canonical()).isEqualTo(c.canonical());
        });
    }

    /** The same criterion written the ways Keptn users write it: spaces anywhere, "%" without "+", long numbers. */
    @Test
    void parse_variantSpellings_roundTripThroughToStringAndCanonical() {
        qt().forAll(CRITERIA, integers().between(0, 3), integers().between(0, 1_000_000)).checkAssert(
                (c, numberStyle, seed) -> {
                    String text = spell(c, numberStyle, seed);
                    Criterion parsed = Criterion.parse(text);

                    assertThat(parsed.text()).isEqualTo(text);
                    assertThat(parsed.operator()).isEqualTo(c.operator());
                    assertThat(parsed.kind()).isEqualTo(c.kind());
                    assertThat(parsed.amount()).isEqualTo(c.amount());
                    assertThat(Criterion.parse(parsed.toString())).isEqualTo(parsed);
                    Criterion canonical = Criterion.parse(parsed.canonical());
                    assertThat(canonical.operator()).isEqualTo(parsed.operator());
                    assertThat(canonical.kind()).isEqualTo(parsed.kind());
                    assertThat(canonical.amount()).isEqualTo(parsed.amount());
                });
    }

    @Test
    void parse_randomStrings_onlyEverThrowInvalidCriterionException() {
        Gen<String> anyText = strings().allPossible().ofLengthBetween(0, 12);
        Gen<String> criterionLike = strings().betweenCodePoints(0, 127).ofLengthBetween(0, 12)
                .mix(lettersOf("<=>+-%.0123456789eExXpP \tInfNa_d", 10), 70);
        qt().forAll(anyText.mix(criterionLike, 60)).checkAssert(CriterionPropertiesTest::parsesOrRefuses);
    }

    @Test
    void parse_textWithOperatorPrefix_onlyEverThrowsInvalidCriterionException() {
        Gen<String> prefixed = Generate.pick(java.util.List.of("<", "<=", "=", ">=", ">", "=>", "<>", "=="))
                .zip(lettersOf("+-%.0123456789eE xXpPa-fA-F\t", 8), (op, rest) -> op + rest);
        qt().forAll(prefixed).checkAssert(CriterionPropertiesTest::parsesOrRefuses);
    }

    private static void parsesOrRefuses(String text) {
        Throwable thrown = catchThrowable(() -> {
            Criterion c = Criterion.parse(text);
            assertThat(c.text()).isEqualTo(text);
            assertThat(Double.isFinite(c.amount())).isTrue();
            assertThatCode(c::canonical).doesNotThrowAnyException();
        });
        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(InvalidCriterionException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }

    private static Gen<String> lettersOf(String alphabet, int maxLength) {
        Gen<Character> letter = Generate.pick(alphabet.chars().mapToObj(ch -> (char) ch).toList());
        Gen<Integer> lengths = integers().between(0, maxLength);
        return in -> {
            int n = lengths.generate(in);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(letter.generate(in));
            }
            return sb.toString();
        };
    }

    /**
     * Writes a criterion another way: spaces inserted around the parts (derived from {@code seed}), the number in
     * one of four styles, and "+" left out before a positive percentage in some cases.
     */
    private static String spell(Criterion c, int numberStyle, int seed) {
        double magnitude = Math.abs(c.amount());
        String number;
        switch (numberStyle) {
            case 0:
                number = GoNumbers.format(magnitude);
                break;
            case 1:
                number = Double.toString(magnitude);
                break;
            case 2:
                number = new BigDecimal(magnitude).toPlainString();
                break;
            default:
                number = new BigDecimal(magnitude).stripTrailingZeros().toString().replace("E+", "e");
                break;
        }
        boolean negative = c.amount() < 0 || Double.doubleToRawLongBits(c.amount()) == Long.MIN_VALUE;
        String sign;
        if (c.kind() == Kind.ABSOLUTE) {
            sign = "";
        } else if (negative) {
            sign = "-";
        } else {
            sign = c.kind() == Kind.RELATIVE_PERCENT && seed % 2 == 0 ? "" : "+";
        }
        String[] parts = {c.operator().symbol(), sign, number, c.kind() == Kind.RELATIVE_PERCENT ? "%" : ""};
        StringBuilder sb = new StringBuilder();
        int bits = seed;
        for (String part : parts) {
            sb.append(" ".repeat(bits & 3)).append(part);
            bits >>>= 2;
        }
        return sb.append(" ".repeat(bits & 1)).toString();
    }
}
