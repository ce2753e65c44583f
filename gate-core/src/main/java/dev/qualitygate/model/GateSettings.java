package dev.qualitygate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A gate configuration file ({@code gate.yaml}): the metric sources SLI files refer to by name, where history is kept,
 * and for deliveries the deployers, testers, approval handler and per-stage quality gates. Secrets in settings are
 * written as {@code ${env:NAME}} or {@code ${file:/path}}, never in clear.
 *
 * <pre>{@code
 * sources:
 *   prometheus:                    # the name SLI files use (their source: key, or their directory)
 *     url: http://127.0.0.1:9090   # provider defaults to the name
 *   dynatrace:
 *     provider: dynatrace
 *     url: https://abc12345.live.dynatrace.com
 *     token: ${env:DT_API_TOKEN}
 * store: .qualitygate/history      # relative to this file, or a database:
 * # store: jdbc:postgresql://db/gate?user=${env:GATE_DB_USER}&password=${env:GATE_DB_PASSWORD}
 * deployers:                       # for gate deliver; provider defaults to the name
 *   local:
 *     health: /health
 * testers:
 *   jmeter: {}
 * stages:
 *   staging:
 *     slo: staging/slo.yaml        # relative to this file
 *     sli: staging/sli.yaml        # or a list
 *     deployer: local              # optional: else any deployer that knows the strategy
 * }</pre>
 *
 * @param sources source name to its settings, in file order
 * @param store the history store as written ({@code store}): a directory, or a {@code jdbc:postgresql:} URL that
 *     gate-jdbc's {@code EvaluationStores.open} opens; {@code null} for none
 * @param deployers deployer name to its provider and settings ({@code deployers}), in file order
 * @param testers tester name to its provider and settings ({@code testers}), in file order
 * @param approval the approval handler's provider and settings ({@code approval}), or {@code null} when manual
 *     approvals wait for {@code gate approve}
 * @param stages stage name to its delivery settings ({@code stages}), in file order
 * @since 0.1
 */
public record GateSettings(Map<String, SourceSettings> sources, @Nullable String store,
        Map<String, SourceSettings> deployers, Map<String, SourceSettings> testers,
        @Nullable SourceSettings approval, Map<String, StageSettings> stages) {

    /** Copies the maps, keeping their order. */
    public GateSettings {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        deployers = Collections.unmodifiableMap(new LinkedHashMap<>(deployers));
        testers = Collections.unmodifiableMap(new LinkedHashMap<>(testers));
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /**
     * Settings with metric sources and a store only.
     *
     * @param sources source name to its settings
     * @param store the history directory, or {@code null}
     */
    public GateSettings(Map<String, SourceSettings> sources, @Nullable String store) {
        this(sources, store, Map.of(), Map.of(), null, Map.of());
    }
}
