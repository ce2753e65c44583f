package dev.qualitygate.jmeter;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the {@code jmeter} tester.
 *
 * <pre>{@code
 * directory: services/carts        # holds jmeter/basiccheck.jmx, jmeter/load.jmx, jmeter/jmeter.conf.yaml
 * target: http://127.0.0.1:8080/health
 * }</pre>
 *
 * @param directory the service's directory, which holds the plans ({@code jmeter/*.jmx}) and Keptn's
 *     {@code jmeter/jmeter.conf.yaml} ({@code directory}); default the working directory
 * @param conf the workload file, relative to {@code directory} ({@code conf}); default
 *     {@code jmeter/jmeter.conf.yaml}; without it Keptn's default workloads apply
 * @param target the URL of the service under test when the test request names none ({@code target}); its scheme,
 *     host, port and path become the plan's {@code PROTOCOL}, {@code SERVER_URL}, {@code SERVER_PORT} and
 *     {@code CHECK_PATH} properties
 * @param jmeterHome an installed JMeter ({@code jmeterHome}); default the environment variable {@code JMETER_HOME},
 *     else a home assembled from the JMeter jars on the class path
 * @param java the {@code java} that runs JMeter ({@code java}); default the one running this JVM
 * @param jvmArgs options for JMeter's JVM ({@code jvmArgs}); default those of JMeter 5.6's start script:
 *     {@code -Xms1g -Xmx1g -XX:MaxMetaspaceSize=256m -XX:+UseG1GC -XX:MaxGCPauseMillis=100 -XX:G1ReservePercent=20}
 * @param resultsDirectory where each run's JTL, log and output go, in a sub-directory per run
 *     ({@code resultsDirectory}); default {@code qualitygate-jmeter} under the temporary directory
 * @param properties JMeter properties for every plan ({@code properties}), after the workload's own
 * @param progressInterval how often progress is reported while JMeter runs ({@code progressInterval}); default 5s
 * @since 0.1
 */
public record JMeterTesterConfig(
        @Nullable String directory,
        @Nullable String conf,
        @Nullable String target,
        @Nullable String jmeterHome,
        @Nullable String java,
        @Nullable List<@NotBlank String> jvmArgs,
        @Nullable String resultsDirectory,
        @Nullable Map<String, String> properties,
        @Nullable Duration progressInterval) {
}
