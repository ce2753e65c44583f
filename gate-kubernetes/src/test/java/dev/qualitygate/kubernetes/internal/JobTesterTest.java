package dev.qualitygate.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobTesterTest {

    @Test
    void join_filesWithTheSameHeader_keepTheHeaderOnce() {
        assertThat(JobTester.join(List.of("h,success\n1,true\n", "h,success\n2,false", "h,success\n")))
                .isEqualTo("h,success\n1,true\n2,false\n");
    }

    @Test
    void join_filesWithoutACommonFirstLine_areConcatenated() {
        assertThat(JobTester.join(List.of("a\n1\n", "b\n2\n"))).isEqualTo("a\n1\nb\n2\n");
    }

    @Test
    void jobName_longOrOddServiceName_isAValidDnsLabel() {
        String name = JobTester.jobName("Carts_Service.With-A-Very-Long-Name-That-Goes-On-And-On-Forever");

        assertThat(name).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63)
                .startsWith("carts-service-with-a-very-long-name-that-loadtest-");
    }

    @Test
    void jobName_twoRuns_differ() {
        assertThat(JobTester.jobName("carts")).matches("carts-loadtest-[a-z0-9]{5}")
                .isNotEqualTo(JobTester.jobName("carts"));
    }
}
