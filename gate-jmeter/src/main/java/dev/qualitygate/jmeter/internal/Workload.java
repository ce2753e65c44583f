package dev.qualitygate.jmeter.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One workload of Keptn's {@code jmeter.conf.yaml}: which plan runs for a test strategy, with how many virtual
 * users, loops and think time, and which error rate it accepts. Internal; not API.
 *
 * @param strategy the test strategy it serves ({@code teststrategy})
 * @param virtualUsers passed to the plan as {@code VUCount} ({@code vuser})
 * @param loops passed as {@code LoopCount} ({@code loopcount})
 * @param thinkTimeMillis passed as {@code ThinkTime} ({@code thinktime})
 * @param script the plan, relative to the service's directory ({@code script})
 * @param acceptedErrorRate the share of failed samples accepted, 0.1 meaning 10 % as Keptn's code read it
 *     ({@code acceptederrorrate})
 * @param averageResponseTimeLimit fail when the mean response time exceeds it, in ms; 0 for no limit
 *     ({@code avgrtvalidation})
 * @param properties further JMeter properties ({@code properties})
 */
public record Workload(String strategy, int virtualUsers, int loops, int thinkTimeMillis, String script,
        double acceptedErrorRate, int averageResponseTimeLimit, Map<String, String> properties) {

    /** The health check that runs before every strategy, when its plan exists. */
    public static final String HEALTH_CHECK = "healthcheck";

    /** Keptn's default workloads, used for strategies that {@code jmeter.conf.yaml} does not name. */
    public static final List<Workload> DEFAULTS = List.of(
            new Workload(HEALTH_CHECK, 1, 1, 250, "jmeter/basiccheck.jmx", 0, 0, Map.of()),
            new Workload("performance", 10, 500, 250, "jmeter/load.jmx", 0.1, 0, Map.of()),
            new Workload("functional", 1, 1, 250, "jmeter/load.jmx", 0.1, 0, Map.of()));

    /** Checks and copies. */
    public Workload {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(script, "script");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Whether any failed sample fails the run: the health check and the functional strategy, as in Keptn. */
    public boolean zeroErrors() {
        return strategy.equals(HEALTH_CHECK) || strategy.equals("functional");
    }
}
