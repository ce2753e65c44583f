package dev.qualitygate.yaml;

import dev.qualitygate.criteria.Criterion;
import dev.qualitygate.internal.CriterionText;
import dev.qualitygate.internal.Messages;
import dev.qualitygate.internal.OneOf;
import dev.qualitygate.internal.Percentage;
import dev.qualitygate.internal.Validators;
import dev.qualitygate.model.AggregateFunction;
import dev.qualitygate.model.CompareWith;
import dev.qualitygate.model.Comparison;
import dev.qualitygate.model.CriteriaBlock;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TotalScore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Binds, validates and converts an {@code slo.yaml}. */
final class SloDocument {
    static final List<String> ROOT_KEYS = List.of("spec_version", "filter", "comparison", "objectives", "total_score");
    private static final List<String> COMPARISON_KEYS = List.of(
            "compare_with", "include_result_with_score", "number_of_comparison_results", "aggregate_function");
    private static final List<String> OBJECTIVE_KEYS =
            List.of("sli", "displayName", "pass", "warning", "weight", "key_sli");
    private static final List<String> TOTAL_SCORE_KEYS = List.of("pass", "warning");

    /** Spec versions of Keptn SLO files: 0.x or 1.x, such as {@code 1.0} or {@code 0.1.1}. */
    static final String SPEC_VERSION = "[01](\\.[0-9]+){0,2}";

    record SloDto(
            @Pattern(regexp = SPEC_VERSION, message = "must be a 0.x or 1.x version such as \"1.0\"")
            @Nullable String specVersion,
            Map<String, String> filter,
            @Valid @Nullable ComparisonDto comparison,
            List<@Valid ObjectiveDto> objectives,
            @Valid @Nullable TotalScoreDto totalScore) {
    }

    record ComparisonDto(
            @OneOf({"single_result", "several_results"}) @Nullable String compareWith,
            @OneOf({"pass", "pass_or_warn", "all"}) @Nullable String includeResultWithScore,
            @Min(value = 1, message = "must be at least 1") @Nullable Integer numberOfComparisonResults,
            @OneOf({"avg", "p50", "p75", "p90", "p95", "p99", "median", "min", "max"})
            @Nullable String aggregateFunction) {
    }

    record ObjectiveDto(
            @NotBlank(message = "is required: name the SLI this objective judges") @Nullable String sli,
            @Nullable String displayName,
            List<@Valid BlockDto> pass,
            List<@Valid BlockDto> warning,
            @PositiveOrZero(message = "must not be negative (0 or a missing weight means 1)") @Nullable Integer weight,
            @Nullable Boolean keySli) {
    }

    record BlockDto(
            @NotEmpty(message = "a criteria block needs at least one criterion; remove the empty block or add one")
            List<@CriterionText String> criteria) {
    }

    record TotalScoreDto(@Percentage @Nullable String pass, @Percentage @Nullable String warning) {
    }

    private SloDocument() {
    }

    static @Nullable Slo read(YamlNode root, Binder b) {
        YamlNode.Mapping map = b.mapping(root, "");
        if (map == null) {
            return null;
        }
        b.checkKeys(map, "", ROOT_KEYS);
        SloDto dto = bind(map, b);
        b.violations(Validators.validator().validate(dto), root);
        checkTotalScore(map, dto, b);
        return b.hasProblems() ? null : toModel(dto);
    }

    private static SloDto bind(YamlNode.Mapping map, Binder b) {
        YamlNode specNode = Binder.get(map, "spec_version");
        if (specNode != null) {
            b.site("specVersion", "spec_version", specNode);
        }
        String specVersion = b.string(specNode, "spec_version");
        Map<String, String> filter = b.stringMap(b.mapping(Binder.get(map, "filter"), "filter"), "filter", "filter");
        ComparisonDto comparison = bindComparison(b.mapping(Binder.get(map, "comparison"), "comparison"), b);
        List<ObjectiveDto> objectives = new ArrayList<>();
        List<YamlNode> items = b.list(Binder.get(map, "objectives"), "objectives");
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            if (Binder.isNull(item)) {
                continue;
            }
            ObjectiveDto o = bindObjective(item, "objectives[" + i + "]", "objectives[" + objectives.size() + "]", b);
            if (o != null) {
                objectives.add(o);
            }
        }
        TotalScoreDto totalScore = null;
        YamlNode.Mapping ts = b.mapping(Binder.get(map, "total_score"), "total_score");
        if (ts != null) {
            b.checkKeys(ts, "total_score", TOTAL_SCORE_KEYS);
            totalScore = new TotalScoreDto(
                    scalar(ts, "pass", "total_score.pass", "totalScore.pass", b),
                    scalar(ts, "warning", "total_score.warning", "totalScore.warning", b));
        }
        return new SloDto(specVersion, filter, comparison, objectives, totalScore);
    }

    private static @Nullable ComparisonDto bindComparison(YamlNode.@Nullable Mapping c, Binder b) {
        if (c == null) {
            return null;
        }
        b.checkKeys(c, "comparison", COMPARISON_KEYS);
        YamlNode n = Binder.get(c, "number_of_comparison_results");
        if (n != null) {
            b.site("comparison.numberOfComparisonResults", "comparison.number_of_comparison_results", n);
        }
        return new ComparisonDto(
                blankToNull(scalar(c, "compare_with", "comparison.compare_with", "comparison.compareWith", b)),
                blankToNull(scalar(c, "include_result_with_score", "comparison.include_result_with_score",
                        "comparison.includeResultWithScore", b)),
                b.integer(n, "comparison.number_of_comparison_results"),
                blankToNull(scalar(c, "aggregate_function", "comparison.aggregate_function",
                        "comparison.aggregateFunction", b)));
    }

    private static @Nullable ObjectiveDto bindObjective(YamlNode item, String path, String javaPath, Binder b) {
        YamlNode.Mapping o = b.mapping(item, path);
        if (o == null) {
            return null;
        }
        b.checkKeys(o, path, OBJECTIVE_KEYS);
        YamlNode sliNode = Binder.get(o, "sli");
        b.site(javaPath + ".sli", Binder.child(path, "sli"), sliNode == null ? o : sliNode);
        YamlNode weightNode = Binder.get(o, "weight");
        if (weightNode != null) {
            b.site(javaPath + ".weight", Binder.child(path, "weight"), weightNode);
        }
        return new ObjectiveDto(
                b.string(sliNode, Binder.child(path, "sli")),
                b.string(Binder.get(o, "displayName"), Binder.child(path, "displayName")),
                bindBlocks(Binder.get(o, "pass"), Binder.child(path, "pass"), javaPath + ".pass", b),
                bindBlocks(Binder.get(o, "warning"), Binder.child(path, "warning"), javaPath + ".warning", b),
                b.integer(weightNode, Binder.child(path, "weight")),
                b.bool(Binder.get(o, "key_sli"), Binder.child(path, "key_sli")));
    }

    private static List<BlockDto> bindBlocks(@Nullable YamlNode node, String path, String javaPath, Binder b) {
        List<BlockDto> blocks = new ArrayList<>();
        List<YamlNode> items = b.list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String blockPath = path + "[" + i + "]";
            String blockJava = javaPath + "[" + i + "]";
            YamlNode item = items.get(i);
            b.site(blockJava + ".criteria", blockPath + ".criteria", item);
            YamlNode.Mapping block = b.mapping(item, blockPath);
            List<String> criteria = new ArrayList<>();
            if (block != null) {
                b.checkKeys(block, blockPath, List.of("criteria"));
                YamlNode critNode = Binder.get(block, "criteria");
                if (critNode != null) {
                    b.site(blockJava + ".criteria", blockPath + ".criteria", critNode);
                }
                List<YamlNode> texts = b.list(critNode, blockPath + ".criteria");
                for (int j = 0; j < texts.size(); j++) {
                    String critPath = blockPath + ".criteria[" + j + "]";
                    b.site(blockJava + ".criteria[" + j + "]", critPath, texts.get(j));
                    if (Binder.isNull(texts.get(j))) {
                        b.problem(texts.get(j), critPath, "a criterion must not be empty", null);
                        continue;
                    }
                    String text = b.string(texts.get(j), critPath);
                    if (text != null) {
                        criteria.add(text);
                    }
                }
            }
            blocks.add(new BlockDto(criteria));
        }
        return blocks;
    }

    private static @Nullable String scalar(YamlNode.Mapping map, String key, String path, String javaPath, Binder b) {
        YamlNode node = Binder.get(map, key);
        if (node != null) {
            b.site(javaPath, path, node);
        }
        return b.string(node, path);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void checkTotalScore(YamlNode.Mapping map, SloDto dto, Binder b) {
        TotalScoreDto ts = dto.totalScore();
        if (ts == null || ts.pass() == null || ts.warning() == null) {
            return;
        }
        try {
            double pass = Messages.percentage(ts.pass());
            double warning = Messages.percentage(ts.warning());
            if (warning > pass) {
                YamlNode.Mapping node = (YamlNode.Mapping) Binder.get(map, "total_score");
                YamlNode w = node == null ? map : Binder.get(node, "warning");
                b.problem(w == null ? map : w, "total_score.warning",
                        "must not be above total_score.pass (" + ts.pass() + ")", ts.warning());
            }
        } catch (NumberFormatException e) {
            // already reported by the @Percentage constraint
        }
    }

    private static Slo toModel(SloDto dto) {
        List<Objective> objectives = new ArrayList<>();
        for (ObjectiveDto o : dto.objectives()) {
            objectives.add(new Objective(
                    o.sli(),
                    o.displayName() == null ? "" : o.displayName(),
                    blocks(o.pass()),
                    blocks(o.warning()),
                    o.weight() == null || o.weight() == 0 ? 1 : o.weight(),
                    Boolean.TRUE.equals(o.keySli())));
        }
        return new Slo(
                dto.specVersion() == null ? "" : dto.specVersion(),
                dto.filter(),
                comparison(dto.comparison()),
                objectives,
                totalScore(dto.totalScore()));
    }

    private static List<CriteriaBlock> blocks(List<BlockDto> dtos) {
        List<CriteriaBlock> blocks = new ArrayList<>();
        for (BlockDto d : dtos) {
            blocks.add(new CriteriaBlock(d.criteria().stream().map(Criterion::parse).toList()));
        }
        return blocks;
    }

    private static Comparison comparison(@Nullable ComparisonDto c) {
        if (c == null) {
            return Comparison.DEFAULT;
        }
        ResultFilter include = c.includeResultWithScore() == null
                ? ResultFilter.ALL
                : ResultFilter.fromKeyword(c.includeResultWithScore()).orElseThrow();
        AggregateFunction aggregate = c.aggregateFunction() == null
                ? AggregateFunction.AVG
                : AggregateFunction.fromKeyword(c.aggregateFunction()).orElseThrow();
        int n = c.numberOfComparisonResults() == null ? 3 : c.numberOfComparisonResults();
        if (c.compareWith() == null) {
            // Keptn: a comparison block without compare_with compares with 3 results, whatever the number says.
            return new Comparison(CompareWith.SEVERAL_RESULTS, include, 3, aggregate);
        }
        return new Comparison(CompareWith.fromKeyword(c.compareWith()).orElseThrow(), include, n, aggregate);
    }

    private static @Nullable TotalScore totalScore(@Nullable TotalScoreDto ts) {
        if (ts == null || ts.pass() == null) {
            return null;
        }
        return new TotalScore(Messages.percentage(ts.pass()),
                ts.warning() == null ? null : Messages.percentage(ts.warning()));
    }
}
