package dev.qualitygate.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a gate configuration file says about one stage of a delivery: its quality gate and which plugins serve it.
 *
 * @param slo the stage's SLO file as written ({@code slo}), relative to the configuration file; {@code null} if the
 *     stage has no quality gate
 * @param sli the stage's SLI files as written ({@code sli}, one or a list), later ones overriding earlier ones
 * @param deployer the name of the deployer (under {@code deployers}) for this stage ({@code deployer}), or
 *     {@code null} for any configured deployer that knows the strategy
 * @param tester the name of the tester (under {@code testers}) for this stage ({@code tester}), or {@code null} for
 *     any
 * @since 0.1
 */
public record StageSettings(@Nullable String slo, List<String> sli, @Nullable String deployer,
        @Nullable String tester) {

    /** Copies the SLI files. */
    public StageSettings {
        sli = List.copyOf(sli);
    }
}
