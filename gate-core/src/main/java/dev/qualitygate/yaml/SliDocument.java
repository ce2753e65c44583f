package dev.qualitygate.yaml;

import dev.qualitygate.internal.Validators;
import dev.qualitygate.model.SliConfig;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Binds, validates and converts an {@code sli.yaml}. */
final class SliDocument {
    static final List<String> ROOT_KEYS = List.of("spec_version", "indicators", "source");

    record SliDto(
            @Pattern(regexp = SloDocument.SPEC_VERSION, message = "must be a 0.x or 1.x version such as \"1.0\"")
            @Nullable String specVersion,
            Map<String, @NotBlank(message = "the query must not be empty") String> indicators,
            @Pattern(regexp = "[a-z][a-z0-9-]*",
                    message = "must be the id of a metric source, such as prometheus or dynatrace")
            @Nullable String source) {
    }

    private SliDocument() {
    }

    static @Nullable SliConfig read(YamlNode root, Binder b) {
        YamlNode.Mapping map = b.mapping(root, "");
        if (map == null) {
            return null;
        }
        b.checkKeys(map, "", ROOT_KEYS);
        YamlNode spec = Binder.get(map, "spec_version");
        if (spec != null) {
            b.site("specVersion", "spec_version", spec);
        }
        YamlNode source = Binder.get(map, "source");
        if (source != null) {
            b.site("source", "source", source);
        }
        SliDto dto = new SliDto(
                b.string(spec, "spec_version"),
                b.stringMap(b.mapping(Binder.get(map, "indicators"), "indicators"), "indicators", "indicators"),
                b.string(source, "source"));
        b.violations(Validators.validator().validate(dto), root);
        if (b.hasProblems()) {
            return null;
        }
        return new SliConfig(dto.specVersion() == null ? "" : dto.specVersion(), dto.indicators(), dto.source());
    }
}
