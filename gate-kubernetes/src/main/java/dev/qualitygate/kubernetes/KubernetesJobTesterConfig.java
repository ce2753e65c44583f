package dev.qualitygate.kubernetes;

import dev.qualitygate.kubernetes.internal.ClusterSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the {@code kubernetes-job} tester, which runs a load test as a Kubernetes Job. Only {@code image}
 * and {@code command} are required.
 *
 * @param kubeconfig the kubeconfig file ({@code kubeconfig}); as for the deployer
 * @param context the kubeconfig context ({@code context}); as for the deployer
 * @param inCluster use the pod's service account ({@code inCluster}); as for the deployer
 * @param namespace the namespace per stage ({@code namespace}); by default {@code $PROJECT-$STAGE}
 * @param image the load generator's image ({@code image}), for example a JMeter image with the test plan inside
 * @param command the command the Job runs ({@code command}), as a list; it must write its results to
 *     {@code $(QG_RESULTS_FILE)} and may use {@code $(QG_TARGET)} and the other {@code QG_} variables; the image needs
 *     {@code /bin/sh}
 * @param env further environment variables of the load generator ({@code env})
 * @param resultsFile the absolute path the command writes its results to ({@code resultsFile}); by default
 *     {@code /results/results.jtl}. Its directory is an empty volume
 * @param parallelism how many pods generate load at once ({@code parallelism}); by default 1. Their results files
 *     are joined
 * @param strategies the test strategies this tester serves ({@code strategies}); by default {@code performance}
 * @param resultsDir where collected results files are written ({@code resultsDir}); by default a new temporary
 *     directory per run
 * @param keepJobs keep finished Jobs for inspection instead of deleting them ({@code keepJobs}); by default
 *     {@code false}
 * @param pollInterval how often the Job is checked ({@code pollInterval}); by default 2 seconds
 * @param requestTimeout how long one API request may take ({@code requestTimeout}); by default 30 seconds
 * @since 0.1
 */
public record KubernetesJobTesterConfig(
        @Nullable String kubeconfig,
        @Nullable String context,
        boolean inCluster,
        @NotBlank String namespace,
        @NotBlank String image,
        @NotEmpty List<@NotBlank String> command,
        Map<String, String> env,
        @Pattern(regexp = "/.*[^/]", message = "must be an absolute file path") String resultsFile,
        @Positive Integer parallelism,
        @NotEmpty List<@NotBlank String> strategies,
        @Nullable String resultsDir,
        boolean keepJobs,
        @DurationMin(millis = 1, message = "must be positive") Duration pollInterval,
        @DurationMin(millis = 1, message = "must be positive") Duration requestTimeout) {

    /**
     * Fills in the defaults of settings that were not given and copies the collections.
     *
     * @throws IllegalArgumentException if {@code inCluster} is combined with {@code kubeconfig} or {@code context}
     */
    public KubernetesJobTesterConfig {
        ClusterSettings.check(inCluster, kubeconfig, context);
        namespace = namespace == null ? KubernetesDeployerConfig.DEFAULT_NAMESPACE : namespace;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        resultsFile = resultsFile == null ? "/results/results.jtl" : resultsFile;
        parallelism = parallelism == null ? 1 : parallelism;
        strategies = strategies == null ? List.of("performance") : List.copyOf(strategies);
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    }
}
