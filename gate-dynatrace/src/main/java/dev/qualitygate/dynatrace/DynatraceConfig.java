package dev.qualitygate.dynatrace;

import dev.qualitygate.dynatrace.internal.MinDuration;
import dev.qualitygate.dynatrace.internal.TenantUrl;
import dev.qualitygate.spi.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The settings of a {@code dynatrace} metric source, as written under its name in {@code gate.yaml}:
 *
 * <pre>{@code
 * sources:
 *   dynatrace:
 *     provider: dynatrace
 *     url: https://abc12345.live.dynatrace.com     # or https://{domain}/e/{env-id}, https://{ag}:9999/e/{env-id}
 *     token: ${env:DT_API_TOKEN}                   # or ${file:/run/secrets/dt-token}
 *     timeout: 15s          # one HTTP request
 *     retries: 3            # after 429, 5xx, timeouts and dropped connections
 *     totalTimeout: 45s     # one SLI, retries and waiting included
 *     settle: 2m            # wait until this long after the window's end before querying
 *     userSessionSettle: 6m # the same for USQL queries
 *     failOnWarnings: true  # a value that comes with Dynatrace warnings fails the SLI
 * }</pre>
 *
 * <p>{@code url} and {@code token} are required; an optional setting left out ({@code null} here) takes the default
 * shown above. {@link #toString()} never shows the token.
 *
 * @param url the environment's address; an address without scheme gets {@code https://}
 * @param token the API token ({@code Authorization: Api-Token ...}) with scope {@code metrics.read}, and
 *     {@code slo.read}, {@code problems.read}, {@code securityProblems.read} or {@code DTAQLAccess} for those queries
 * @param timeout how long one HTTP request may take; positive
 * @param retries how often a request is repeated after 429, a 5xx status, a timeout or a dropped connection; 0 to 10
 * @param totalTimeout how long fetching one SLI may take, retries and waits included; positive
 * @param settle how long after the window's end Dynatrace's metric, SLO and problem data is complete; the source
 *     waits until then (as Keptn did, 2 minutes) if that fits into {@code totalTimeout}, else the SLI fails at once
 * @param userSessionSettle the same for user session (USQL) data, which arrives later (Keptn: 6 minutes)
 * @param failOnWarnings whether a value that Dynatrace answered together with warnings fails the SLI (a warning
 *     means part of the query was ignored, so the value may not mean what the query says)
 * @since 0.1
 */
public record DynatraceConfig(
        @NotNull @TenantUrl String url,
        @NotNull Secret token,
        @MinDuration(seconds = 0, inclusive = false) Duration timeout,
        @Min(0) @Max(10) Integer retries,
        @MinDuration(seconds = 0, inclusive = false) Duration totalTimeout,
        @MinDuration(seconds = 0, inclusive = true) Duration settle,
        @MinDuration(seconds = 0, inclusive = true) Duration userSessionSettle,
        Boolean failOnWarnings) {

    /** Default of {@link #timeout()}: 15 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Default of {@link #retries()}: 3. */
    public static final int DEFAULT_RETRIES = 3;
    /** Default of {@link #totalTimeout()}: 45 s, below the 60 s a {@link dev.qualitygate.Gate} waits by default. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(45);
    /** Default of {@link #settle()}: 2 minutes, as Keptn's dynatrace-service. */
    public static final Duration DEFAULT_SETTLE = Duration.ofMinutes(2);
    /** Default of {@link #userSessionSettle()}: 6 minutes, as Keptn's dynatrace-service. */
    public static final Duration DEFAULT_USER_SESSION_SETTLE = Duration.ofMinutes(6);

    /** Applies the defaults of the optional settings. */
    public DynatraceConfig {
        timeout = timeout != null ? timeout : DEFAULT_TIMEOUT;
        retries = retries != null ? retries : DEFAULT_RETRIES;
        totalTimeout = totalTimeout != null ? totalTimeout : DEFAULT_TOTAL_TIMEOUT;
        settle = settle != null ? settle : DEFAULT_SETTLE;
        userSessionSettle = userSessionSettle != null ? userSessionSettle : DEFAULT_USER_SESSION_SETTLE;
        failOnWarnings = failOnWarnings != null ? failOnWarnings : Boolean.TRUE;
    }

    /**
     * The settings with every optional one at its default.
     *
     * @param url the environment's address
     * @param token the API token
     * @return the settings
     */
    public static DynatraceConfig of(String url, Secret token) {
        return new DynatraceConfig(url, token, DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_TOTAL_TIMEOUT, DEFAULT_SETTLE,
                DEFAULT_USER_SESSION_SETTLE, Boolean.TRUE);
    }
}
