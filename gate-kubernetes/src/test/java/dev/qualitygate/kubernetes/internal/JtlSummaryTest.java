package dev.qualitygate.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JtlSummaryTest {

    @Test
    void of_jmeterCsv_countsSamplesAndFailures() {
        String csv = "timeStamp,elapsed,label,responseCode,responseMessage,success,failureMessage\n"
                + "1,12,home,200,OK,true,\n"
                + "2,90,cart,500,\"Server, Error\",false,\n"
                + "3,91,cart,200,OK,false,\"expected \"\"ok\"\"\"\n";

        assertThat(JtlSummary.of(csv)).isEqualTo(new JtlSummary(3, 2, List.of("cart: 500 Server, Error",
                "cart: 200 expected \"ok\"")));
    }

    @Test
    void of_textWithoutSuccessColumn_isNotSummarised() {
        assertThat(JtlSummary.of("<testResults version=\"1.2\">\n</testResults>\n")).isNull();
    }

    @Test
    void of_repeatedHeaderLines_areNotCounted() {
        assertThat(JtlSummary.of("label,success\na,true\nlabel,success\nb,true\n").samples()).isEqualTo(2);
    }

    @Test
    void split_quotedFields_keepCommasAndQuotes() {
        assertThat(JtlSummary.split("a,\"b,c\",\"d\"\"e\",")).containsExactly("a", "b,c", "d\"e", "");
    }
}
