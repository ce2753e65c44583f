package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlTailTest {
    @TempDir
    Path dir;

    @Test
    void poll_fileGrowingRowByRow_countsCompleteRowsAndFailures() throws IOException {
        Path f = dir.resolve("live.jtl");
        JtlTail tail = new JtlTail(f);
        tail.poll();
        assertThat(tail.samples()).as("no file yet").isZero();

        Files.writeString(f, Samples.HEADER + "\n1000,10,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0\n1001,11,a,500,E,g,te");
        tail.poll();
        assertThat(tail.samples()).isEqualTo(1);

        Files.writeString(f, "xt,false,,1,1,1,1,u,1,0,0\n1002,12,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0\n",
                StandardOpenOption.APPEND);
        tail.poll();
        assertThat(tail.samples()).isEqualTo(3);
        assertThat(tail.failed()).isEqualTo(1);
    }
}
