package dev.qualitygate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A gate configuration file ({@code gate.yaml}): the metric sources SLI files refer to by name, and where history
 * is kept. Secrets in settings are written as {@code ${env:NAME}} or {@code ${file:/path}}, never in clear.
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
 * }</pre>
 *
 * @param sources source name to its settings, in file order
 * @param store the history store as written ({@code store}): a directory, or a {@code jdbc:postgresql:} URL that
 *     gate-jdbc's {@code EvaluationStores.open} opens; {@code null} for none
 * @since 0.1
 */
public record GateSettings(Map<String, SourceSettings> sources, @Nullable String store) {

    /** Copies the sources, keeping their order. */
    public GateSettings {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }
}
