package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the cluster is and how to reach it: a kubeconfig file and context, or the pod's service account. Internal;
 * not API.
 *
 * @param kubeconfig the kubeconfig file, or {@code null} for {@code $KUBECONFIG} or {@code ~/.kube/config}
 * @param context the context, or {@code null} for the current one
 * @param inCluster whether to use the pod's service account
 * @param requestTimeout how long one API request may take
 */
public record ClusterSettings(
        @Nullable String kubeconfig, @Nullable String context, boolean inCluster, Duration requestTimeout) {

    /** Where a pod's service account is mounted. */
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /** Checks the components. */
    public ClusterSettings {
        check(inCluster, kubeconfig, context);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /**
     * Checks that the service account is not combined with a kubeconfig.
     *
     * @param inCluster whether the service account is asked for
     * @param kubeconfig the kubeconfig setting
     * @param context the context setting
     * @throws IllegalArgumentException naming the conflicting settings
     */
    public static void check(boolean inCluster, @Nullable String kubeconfig, @Nullable String context) {
        if (inCluster && (kubeconfig != null || context != null)) {
            throw new IllegalArgumentException(
                    "inCluster: true uses the pod's service account and cannot be combined with kubeconfig or context");
        }
    }

    /**
     * Connects a client; no request is sent yet.
     *
     * @param origin where the settings come from, for problems
     * @param env the process environment (for {@code KUBECONFIG} and the in-cluster service address)
     * @return a client on the JDK's HTTP client
     * @throws GateConfigException if the kubeconfig or context cannot be used
     */
    public KubernetesClient connect(String origin, Function<String, @Nullable String> env) {
        Config config = inCluster ? serviceAccount(origin, env) : fromKubeconfig(origin, env);
        int millis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        config.setRequestTimeout(millis);
        config.setConnectionTimeout(millis);
        return new KubernetesClientBuilder()
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(config)
                .build();
    }

    private Config fromKubeconfig(String origin, Function<String, @Nullable String> env) {
        Path file = kubeconfigFile(env);
        if (file == null || !Files.isRegularFile(file)) {
            if (kubeconfig != null || context != null) {
                throw new GateConfigException(Problem.of(origin, "kubeconfig: no kubeconfig file at "
                        + (file == null ? "~/.kube/config" : file)
                        + "; set kubeconfig, or KUBECONFIG, or inCluster: true inside a cluster"));
            }
            return serviceAccount(origin, env);
        }
        if (context != null) {
            List<String> contexts = contexts(origin, file);
            if (!contexts.contains(context)) {
                throw new GateConfigException(new Problem(origin, 0, 0, "context",
                        "no context of that name in " + file + "; its contexts are " + contexts, context));
            }
        }
        try {
            return Config.fromKubeconfig(context, file.toFile());
        } catch (RuntimeException e) {
            throw new GateConfigException(Problem.of(origin, "kubeconfig: cannot use " + file + ": " + e.getMessage()));
        }
    }

    private @Nullable Path kubeconfigFile(Function<String, @Nullable String> env) {
        if (kubeconfig != null) {
            return Path.of(kubeconfig);
        }
        String variable = env.apply("KUBECONFIG");
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable.split(java.io.File.pathSeparator)[0]);
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".kube", "config");
    }

    private static List<String> contexts(String origin, Path file) {
        try {
            io.fabric8.kubernetes.api.model.Config parsed = new KubernetesSerialization().unmarshal(
                    Files.readString(file, StandardCharsets.UTF_8), io.fabric8.kubernetes.api.model.Config.class);
            return parsed.getContexts() == null ? List.of()
                    : parsed.getContexts().stream().map(NamedContext::getName).toList();
        } catch (IOException | RuntimeException e) {
            throw new GateConfigException(Problem.of(origin, "kubeconfig: cannot read " + file + ": " + e.getMessage()));
        }
    }

    private static Config serviceAccount(String origin, Function<String, @Nullable String> env) {
        String host = env.apply("KUBERNETES_SERVICE_HOST");
        String port = env.apply("KUBERNETES_SERVICE_PORT");
        Path token = SERVICE_ACCOUNT.resolve("token");
        if (host == null || port == null || !Files.isReadable(token)) {
            throw new GateConfigException(Problem.of(origin, "not inside a Kubernetes pod (KUBERNETES_SERVICE_HOST "
                    + "unset or no service account token at " + token + ") and no kubeconfig; set kubeconfig or "
                    + "KUBECONFIG"));
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + port)
                .withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
                .withOauthTokenProvider(() -> readToken(token))
                .build();
    }

    private static String readToken(Path token) {
        try {
            return Files.readString(token, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the service account token " + token, e);
        }
    }

    /**
     * The process environment, for {@link #connect}.
     *
     * @return a lookup of environment variables
     */
    public static Function<String, @Nullable String> processEnvironment() {
        Map<String, String> env = System.getenv();
        return env::get;
    }
}
