package dev.qualitygate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An SLI file ({@code sli.yaml}): one query per indicator, for one metric source.
 *
 * @param specVersion the {@code spec_version} as written; informational
 * @param indicators SLI name to query, in file order ({@code indicators}); possibly empty
 * @param source the id of the metric source that answers the queries ({@code source}, a QualityGate addition), or
 *     {@code null} when the file does not say; Keptn kept the file under {@code <source>/sli.yaml} instead
 * @since 0.1
 */
public record SliConfig(String specVersion, Map<String, String> indicators, @Nullable String source) {

    /** Copies the indicators, keeping their order. */
    public SliConfig {
        Objects.requireNonNull(specVersion, "specVersion");
        indicators = Collections.unmodifiableMap(new LinkedHashMap<>(indicators));
    }

    /**
     * Returns a copy whose indicators are overridden by {@code other}'s, key by key, as Keptn merged the project,
     * stage and service levels of an SLI file.
     *
     * @param other the more specific file
     * @return the merged file; {@code other}'s source wins when it has one
     */
    public SliConfig overriddenBy(SliConfig other) {
        Map<String, String> merged = new LinkedHashMap<>(indicators);
        merged.putAll(other.indicators);
        return new SliConfig(other.specVersion, merged, other.source != null ? other.source : source);
    }
}
