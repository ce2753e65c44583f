package dev.qualitygate.yaml;

import dev.qualitygate.internal.GoDuration;
import dev.qualitygate.internal.Messages;
import dev.qualitygate.internal.OneOf;
import dev.qualitygate.internal.Validators;
import dev.qualitygate.model.shipyard.ApprovalMode;
import dev.qualitygate.model.shipyard.ApprovalStrategy;
import dev.qualitygate.model.shipyard.Sequence;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.model.shipyard.ShipyardFormat;
import dev.qualitygate.model.shipyard.Stage;
import dev.qualitygate.model.shipyard.StageStrategies;
import dev.qualitygate.model.shipyard.Task;
import dev.qualitygate.model.shipyard.Trigger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Binds, validates and converts a {@code shipyard.yaml} in either of Keptn's formats. */
final class ShipyardDocument {
    static final List<String> ROOT_KEYS_V2 = List.of("apiVersion", "kind", "metadata", "spec");
    static final List<String> ROOT_KEYS_V1 = List.of("stages", "registry");
    private static final List<String> STAGE_KEYS_V1 = List.of(
            "name", "deployment_strategy", "test_strategy", "approval_strategy", "remediation_strategy");
    private static final String ENTITY_NAME = "[a-z]([a-z0-9-]*[a-z0-9])?";
    private static final String ENTITY_MESSAGE =
            "must be a Keptn name: lower-case letters, digits and '-', starting with a letter and not ending with '-'";
    private static final List<String> RESULTS = List.of("pass", "warning", "fail");

    record ShipyardDto(
            @Pattern(regexp = "spec\\.keptn\\.sh/0\\.2\\.[0-9]+",
                    message = "is not supported; supported are spec.keptn.sh/0.2.0 to spec.keptn.sh/0.2.4 (or a"
                            + " 0.1.x file with stages at its root)")
            @Nullable String apiVersion,
            @Pattern(regexp = "Shipyard", message = "must be Shipyard") @Nullable String kind,
            @Nullable String name,
            List<@Valid StageDto> stages) {
    }

    record StageDto(
            @NotBlank(message = "is required") @Pattern(regexp = ENTITY_NAME, message = ENTITY_MESSAGE)
            @Nullable String name,
            List<@Valid SequenceDto> sequences,
            @Nullable String deploymentStrategy,
            @Nullable String testStrategy,
            @OneOf({"automatic", "manual"}) @Nullable String approvalPass,
            @OneOf({"automatic", "manual"}) @Nullable String approvalWarning,
            boolean hasApproval,
            @Nullable String remediationStrategy) {
    }

    record SequenceDto(
            @NotBlank(message = "is required") @Nullable String name,
            List<@Valid TriggerDto> triggeredOn,
            List<@Valid TaskDto> tasks) {
    }

    record TriggerDto(
            @NotBlank(message = "is required: name the sequence that triggers this one, as <stage>.<sequence>.finished")
            @Nullable String event,
            Map<String, String> match) {
    }

    record TaskDto(
            @NotBlank(message = "is required") @Nullable String name,
            @Nullable Duration triggeredAfter,
            Map<String, Object> properties) {
    }

    private ShipyardDocument() {
    }

    static boolean looksLikeV1(YamlNode.Mapping map) {
        return map.entries().containsKey("stages") && !map.entries().containsKey("spec");
    }

    static @Nullable Shipyard read(YamlNode root, Binder b) {
        YamlNode.Mapping map = b.mapping(root, "");
        if (map == null) {
            return null;
        }
        boolean v1 = looksLikeV1(map);
        ShipyardDto dto = v1 ? bindV1(map, b) : bindV2(map, b);
        if (dto.stages().isEmpty()) {
            YamlNode at = v1 ? Binder.get(map, "stages") : map;
            b.problem(at == null ? map : at, v1 ? "stages" : "spec.stages", "a shipyard needs at least one stage",
                    null);
        }
        b.violations(Validators.validator().validate(dto), root);
        checkNames(dto, b);
        checkTriggers(dto, b);
        return b.hasProblems() ? null : toModel(dto, v1);
    }

    private static ShipyardDto bindV2(YamlNode.Mapping map, Binder b) {
        b.checkKeys(map, "", ROOT_KEYS_V2);
        YamlNode api = Binder.get(map, "apiVersion");
        b.site("apiVersion", "apiVersion", api == null ? map : api);
        if (api == null) {
            b.problem(map, "apiVersion", "is required: write apiVersion: spec.keptn.sh/0.2.4 (or use the 0.1.x"
                    + " format with stages at the root)", null);
        }
        YamlNode kind = Binder.get(map, "kind");
        if (kind != null) {
            b.site("kind", "kind", kind);
        }
        String name = null;
        YamlNode.Mapping metadata = b.mapping(Binder.get(map, "metadata"), "metadata");
        if (metadata != null) {
            b.checkKeys(metadata, "metadata", List.of("name"));
            name = b.string(Binder.get(metadata, "name"), "metadata.name");
        }
        List<StageDto> stages = new ArrayList<>();
        YamlNode.Mapping spec = b.mapping(Binder.get(map, "spec"), "spec");
        if (spec != null) {
            b.checkKeys(spec, "spec", List.of("stages"));
            List<YamlNode> items = b.list(Binder.get(spec, "stages"), "spec.stages");
            for (int i = 0; i < items.size(); i++) {
                String path = "spec.stages[" + i + "]";
                YamlNode.Mapping stage = b.mapping(items.get(i), path);
                if (stage == null) {
                    continue;
                }
                b.checkKeys(stage, path, List.of("name", "sequences"));
                String javaPath = "stages[" + stages.size() + "]";
                stages.add(new StageDto(nameOf(stage, path, javaPath, b),
                        bindSequences(Binder.get(stage, "sequences"), path + ".sequences", javaPath + ".sequences",
                                b),
                        null, null, null, null, false, null));
            }
        } else {
            b.problem(map, "spec", "is required: the stages go under spec.stages", null);
        }
        return new ShipyardDto(b.string(api, "apiVersion"), b.string(kind, "kind"), name, stages);
    }

    private static ShipyardDto bindV1(YamlNode.Mapping map, Binder b) {
        b.checkKeys(map, "", ROOT_KEYS_V1);
        List<StageDto> stages = new ArrayList<>();
        List<YamlNode> items = b.list(Binder.get(map, "stages"), "stages");
        for (int i = 0; i < items.size(); i++) {
            String path = "stages[" + i + "]";
            YamlNode.Mapping stage = b.mapping(items.get(i), path);
            if (stage == null) {
                continue;
            }
            b.checkKeys(stage, path, STAGE_KEYS_V1);
            String javaPath = "stages[" + stages.size() + "]";
            String pass = null;
            String warning = null;
            YamlNode approvalNode = Binder.get(stage, "approval_strategy");
            YamlNode.Mapping approval = b.mapping(approvalNode, path + ".approval_strategy");
            if (approval != null) {
                b.checkKeys(approval, path + ".approval_strategy", List.of("pass", "warning"));
                pass = site(approval, "pass", path + ".approval_strategy.pass", javaPath + ".approvalPass", b);
                warning = site(approval, "warning", path + ".approval_strategy.warning", javaPath + ".approvalWarning",
                        b);
            }
            stages.add(new StageDto(nameOf(stage, path, javaPath, b), List.of(),
                    b.string(Binder.get(stage, "deployment_strategy"), path + ".deployment_strategy"),
                    b.string(Binder.get(stage, "test_strategy"), path + ".test_strategy"),
                    pass, warning, approval != null,
                    b.string(Binder.get(stage, "remediation_strategy"), path + ".remediation_strategy")));
        }
        return new ShipyardDto(null, null, b.string(Binder.get(map, "registry"), "registry"), stages);
    }

    private static @Nullable String nameOf(YamlNode.Mapping stage, String path, String javaPath, Binder b) {
        YamlNode node = Binder.get(stage, "name");
        b.site(javaPath + ".name", path + ".name", node == null ? stage : node);
        return b.string(node, path + ".name");
    }

    private static @Nullable String site(YamlNode.Mapping map, String key, String path, String javaPath, Binder b) {
        YamlNode node = Binder.get(map, key);
        if (node != null) {
            b.site(javaPath, path, node);
        }
        return b.string(node, path);
    }

    private static List<SequenceDto> bindSequences(@Nullable YamlNode node, String path, String javaPath, Binder b) {
        List<SequenceDto> sequences = new ArrayList<>();
        List<YamlNode> items = b.list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String seqPath = path + "[" + i + "]";
            String seqJava = javaPath + "[" + sequences.size() + "]";
            YamlNode.Mapping seq = b.mapping(items.get(i), seqPath);
            if (seq == null) {
                continue;
            }
            b.checkKeys(seq, seqPath, List.of("name", "triggeredOn", "tasks"));
            YamlNode nameNode = Binder.get(seq, "name");
            b.site(seqJava + ".name", seqPath + ".name", nameNode == null ? seq : nameNode);
            sequences.add(new SequenceDto(
                    b.string(nameNode, seqPath + ".name"),
                    bindTriggers(Binder.get(seq, "triggeredOn"), seqPath + ".triggeredOn", seqJava + ".triggeredOn",
                            b),
                    bindTasks(Binder.get(seq, "tasks"), seqPath + ".tasks", seqJava + ".tasks", b)));
        }
        return sequences;
    }

    private static List<TriggerDto> bindTriggers(@Nullable YamlNode node, String path, String javaPath, Binder b) {
        List<TriggerDto> triggers = new ArrayList<>();
        List<YamlNode> items = b.list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String tPath = path + "[" + i + "]";
            String tJava = javaPath + "[" + triggers.size() + "]";
            YamlNode.Mapping t = b.mapping(items.get(i), tPath);
            if (t == null) {
                continue;
            }
            b.checkKeys(t, tPath, List.of("event", "selector"));
            YamlNode event = Binder.get(t, "event");
            b.site(tJava + ".event", tPath + ".event", event == null ? t : event);
            Map<String, String> match = new LinkedHashMap<>();
            YamlNode.Mapping selector = b.mapping(Binder.get(t, "selector"), tPath + ".selector");
            if (selector != null) {
                b.checkKeys(selector, tPath + ".selector", List.of("match"));
                match = b.stringMap(b.mapping(Binder.get(selector, "match"), tPath + ".selector.match"),
                        tPath + ".selector.match", tJava + ".match");
                checkMatch(selector, tPath + ".selector.match", match, b);
            }
            triggers.add(new TriggerDto(b.string(event, tPath + ".event"), match));
        }
        return triggers;
    }

    private static void checkMatch(YamlNode.Mapping selector, String path, Map<String, String> match, Binder b) {
        if (!(Binder.get(selector, "match") instanceof YamlNode.Mapping m)) {
            return;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            String key = e.key();
            String keyPath = path + "." + key;
            if (!key.equals("result") && !key.endsWith(".result")) {
                b.problem(e.line(), e.column(), keyPath,
                        "a selector matches on result or <task>.result, for example evaluation.result", null);
                continue;
            }
            String value = match.get(key);
            if (value != null && !RESULTS.contains(value)) {
                String hint = value.equalsIgnoreCase("failed") ? "did you mean fail? Keptn never matched \"failed\""
                        : "must be one of pass, warning, fail";
                b.problem(e.value(), keyPath, hint, value);
            }
        }
    }

    private static List<TaskDto> bindTasks(@Nullable YamlNode node, String path, String javaPath, Binder b) {
        List<TaskDto> tasks = new ArrayList<>();
        List<YamlNode> items = b.list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String tPath = path + "[" + i + "]";
            String tJava = javaPath + "[" + tasks.size() + "]";
            YamlNode.Mapping t = b.mapping(items.get(i), tPath);
            if (t == null) {
                continue;
            }
            b.checkKeys(t, tPath, List.of("name", "triggeredAfter", "properties"));
            YamlNode nameNode = Binder.get(t, "name");
            b.site(tJava + ".name", tPath + ".name", nameNode == null ? t : nameNode);
            String name = b.string(nameNode, tPath + ".name");
            Duration after = null;
            YamlNode afterNode = Binder.get(t, "triggeredAfter");
            String afterText = b.string(afterNode, tPath + ".triggeredAfter");
            if (afterText != null) {
                try {
                    after = GoDuration.parse(afterText);
                } catch (IllegalArgumentException e) {
                    b.problem(afterNode, tPath + ".triggeredAfter", e.getMessage(), afterText);
                }
            }
            YamlNode.Mapping props = b.mapping(Binder.get(t, "properties"), tPath + ".properties");
            Map<String, Object> properties = props == null ? Map.of() : Binder.toObjectMap(props);
            if ("approval".equals(name) && props != null) {
                for (String key : List.of("pass", "warning")) {
                    YamlNode v = Binder.get(props, key);
                    String text = b.string(v, tPath + ".properties." + key);
                    if (text != null && ApprovalMode.fromKeyword(text).isEmpty()) {
                        b.problem(v, tPath + ".properties." + key, "must be automatic or manual", text);
                    }
                }
            }
            tasks.add(new TaskDto(name, after, properties));
        }
        return tasks;
    }

    private static void checkNames(ShipyardDto dto, Binder b) {
        Map<String, Integer> stageIndex = new HashMap<>();
        for (int i = 0; i < dto.stages().size(); i++) {
            StageDto stage = dto.stages().get(i);
            if (stage.name() != null && stageIndex.putIfAbsent(stage.name(), i) != null) {
                b.problemAt("stages[" + i + "].name", "duplicate stage name: stage " + stageIndex.get(stage.name())
                        + " has the same name", stage.name());
            }
            Map<String, Integer> seqIndex = new HashMap<>();
            for (int j = 0; j < stage.sequences().size(); j++) {
                SequenceDto seq = stage.sequences().get(j);
                if (seq.name() != null && seqIndex.putIfAbsent(seq.name(), j) != null) {
                    b.problemAt("stages[" + i + "].sequences[" + j + "].name",
                            "duplicate sequence name in stage " + stage.name(), seq.name());
                }
            }
        }
    }

    private static void checkTriggers(ShipyardDto dto, Binder b) {
        List<String> known = new ArrayList<>();
        for (StageDto stage : dto.stages()) {
            for (SequenceDto seq : stage.sequences()) {
                known.add(stage.name() + "." + seq.name());
            }
        }
        for (int i = 0; i < dto.stages().size(); i++) {
            StageDto stage = dto.stages().get(i);
            for (int j = 0; j < stage.sequences().size(); j++) {
                List<TriggerDto> triggers = stage.sequences().get(j).triggeredOn();
                for (int k = 0; k < triggers.size(); k++) {
                    String event = triggers.get(k).event();
                    if (event == null || event.isBlank()) {
                        continue;
                    }
                    String javaPath = "stages[" + i + "].sequences[" + j + "].triggeredOn[" + k + "].event";
                    if (!event.endsWith(".finished") || event.split("\\.", -1).length != 3) {
                        b.problemAt(javaPath, "must be <stage>.<sequence>.finished, for example dev.delivery.finished",
                                event);
                        continue;
                    }
                    String target = event.substring(0, event.length() - ".finished".length());
                    if (!known.contains(target)) {
                        String suggestion = Messages.suggest(target, known);
                        b.problemAt(javaPath, "names no sequence of this shipyard" + (suggestion == null
                                ? "; known sequences are " + String.join(", ", known)
                                : "; did you mean " + suggestion + ".finished?"), event);
                    }
                }
            }
        }
    }

    private static Shipyard toModel(ShipyardDto dto, boolean v1) {
        List<Stage> stages = new ArrayList<>();
        for (StageDto s : dto.stages()) {
            List<Sequence> sequences = new ArrayList<>();
            for (SequenceDto q : s.sequences()) {
                List<Trigger> triggers = q.triggeredOn().stream().map(t -> new Trigger(t.event(), t.match())).toList();
                List<Task> tasks = q.tasks().stream()
                        .map(t -> new Task(t.name(), t.triggeredAfter(), t.properties())).toList();
                sequences.add(new Sequence(q.name(), triggers, tasks));
            }
            StageStrategies strategies = null;
            if (v1) {
                ApprovalStrategy approval = s.hasApproval()
                        ? new ApprovalStrategy(mode(s.approvalPass()), mode(s.approvalWarning()))
                        : null;
                strategies = new StageStrategies(orEmpty(s.deploymentStrategy()), orEmpty(s.testStrategy()), approval,
                        orEmpty(s.remediationStrategy()));
            }
            stages.add(new Stage(s.name(), sequences, strategies));
        }
        return new Shipyard(v1 ? ShipyardFormat.V0_1 : ShipyardFormat.V0_2, orEmpty(dto.apiVersion()),
                orEmpty(dto.name()), stages);
    }

    private static ApprovalMode mode(@Nullable String keyword) {
        return keyword == null ? ApprovalMode.AUTOMATIC : ApprovalMode.fromKeyword(keyword).orElseThrow();
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
