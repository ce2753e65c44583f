package dev.qualitygate.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of one evaluation: the overall result and score, one {@link IndicatorResult} per objective, and which
 * earlier evaluations served as the baseline.
 *
 * <p>It mirrors the {@code data} of Keptn's {@code sh.keptn.event.evaluation.finished} event, so that Keptn history
 * can be read and our results can be read by Keptn tools; {@link dev.qualitygate.report.EvaluationJson} converts
 * between the two.
 *
 * @param id a unique id of this evaluation (the event id in Keptn); empty if unknown
 * @param project the project ({@code project}); empty if unknown
 * @param stage the stage ({@code stage}); empty if unknown
 * @param service the service ({@code service}); empty if unknown
 * @param labels labels of the evaluated build ({@code labels}), in order
 * @param timeframe the evaluated window ({@code evaluation.timeStart}, {@code evaluation.timeEnd}), or {@code null}
 * @param time when the evaluation was made (the event time in Keptn), or {@code null} if unknown
 * @param status {@code succeeded}, or {@code errored} when the SLO could not be applied ({@code status})
 * @param result the overall result ({@code result}); this is what later evaluations filter their baseline on
 * @param evaluationResult the result computed from the score ({@code evaluation.result}); equal to {@code result}
 *     in every evaluation QualityGate makes, it can differ in Keptn history (when Keptn's SLI retrieval failed)
 * @param score the total score in percent, unrounded ({@code evaluation.score})
 * @param message why the result is what it is when it is not a plain pass ({@code message}); empty otherwise
 * @param indicatorResults one result per objective, in SLO order ({@code evaluation.indicatorResults}); empty when
 *     the evaluation ended early
 * @param comparedEvents ids of the earlier evaluations the baseline was taken from, newest first
 *     ({@code evaluation.comparedEvents})
 * @param keySliFailure the key SLI that failed the evaluation, or {@code null} (QualityGate addition)
 * @param sloFileContent the SLO file the evaluation used, base64-encoded ({@code evaluation.sloFileContent}); empty if
 *     not known
 * @since 0.1
 */
public record EvaluationResult(
        String id,
        String project,
        String stage,
        String service,
        Map<String, String> labels,
        @Nullable TimeWindow timeframe,
        @Nullable Instant time,
        EvaluationStatus status,
        Verdict result,
        Verdict evaluationResult,
        double score,
        String message,
        List<IndicatorResult> indicatorResults,
        List<String> comparedEvents,
        @Nullable KeySliFailure keySliFailure,
        String sloFileContent) {

    /** Checks and copies the components. */
    public EvaluationResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(service, "service");
        labels = labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(evaluationResult, "evaluationResult");
        Objects.requireNonNull(message, "message");
        indicatorResults = List.copyOf(indicatorResults);
        comparedEvents = List.copyOf(comparedEvents);
        Objects.requireNonNull(sloFileContent, "sloFileContent");
    }

    /**
     * The result of the first objective on the given SLI.
     *
     * @param sli the indicator name
     * @return the objective's result, or empty if no objective judges that SLI
     */
    public Optional<IndicatorResult> objective(String sli) {
        for (IndicatorResult r : indicatorResults) {
            if (r.sli().equals(sli)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The successfully retrieved value of an SLI in this evaluation, as later evaluations use it for their baseline.
     *
     * @param sli the indicator name
     * @return the value of the first indicator result on that SLI with {@code success}, or empty
     */
    public Optional<Double> valueOf(String sli) {
        for (IndicatorResult r : indicatorResults) {
            if (r.success() && r.sli().equals(sli)) {
                return Optional.of(r.value());
            }
        }
        return Optional.empty();
    }

    /**
     * A builder initialised from this result.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for a result; defaults are empty names, status succeeded, result pass, score 0 and no objectives.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EvaluationResult}; not thread-safe. */
    public static final class Builder {
        private String id = "";
        private String project = "";
        private String stage = "";
        private String service = "";
        private Map<String, String> labels = new LinkedHashMap<>();
        private @Nullable TimeWindow timeframe;
        private @Nullable Instant time;
        private EvaluationStatus status = EvaluationStatus.SUCCEEDED;
        private Verdict result = Verdict.PASS;
        private Verdict evaluationResult = Verdict.PASS;
        private double score;
        private String message = "";
        private List<IndicatorResult> indicatorResults = new ArrayList<>();
        private List<String> comparedEvents = new ArrayList<>();
        private @Nullable KeySliFailure keySliFailure;
        private String sloFileContent = "";

        private Builder() {
        }

        private Builder(EvaluationResult r) {
            id = r.id;
            project = r.project;
            stage = r.stage;
            service = r.service;
            labels = new LinkedHashMap<>(r.labels);
            timeframe = r.timeframe;
            time = r.time;
            status = r.status;
            result = r.result;
            evaluationResult = r.evaluationResult;
            score = r.score;
            message = r.message;
            indicatorResults = new ArrayList<>(r.indicatorResults);
            comparedEvents = new ArrayList<>(r.comparedEvents);
            keySliFailure = r.keySliFailure;
            sloFileContent = r.sloFileContent;
        }

        /** @param id the evaluation id @return this builder */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets project, stage, service and labels from a context.
         *
         * @param context the evaluated context
         * @return this builder
         */
        public Builder context(EvaluationContext context) {
            project = context.project();
            stage = context.stage();
            service = context.service();
            labels = new LinkedHashMap<>(context.labels());
            return this;
        }

        /** @param project the project @return this builder */
        public Builder project(String project) {
            this.project = Objects.requireNonNull(project, "project");
            return this;
        }

        /** @param stage the stage @return this builder */
        public Builder stage(String stage) {
            this.stage = Objects.requireNonNull(stage, "stage");
            return this;
        }

        /** @param service the service @return this builder */
        public Builder service(String service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** @param labels the labels @return this builder */
        public Builder labels(Map<String, String> labels) {
            this.labels = new LinkedHashMap<>(labels);
            return this;
        }

        /** @param timeframe the evaluated window, or null @return this builder */
        public Builder timeframe(@Nullable TimeWindow timeframe) {
            this.timeframe = timeframe;
            return this;
        }

        /** @param time when the evaluation was made, or null @return this builder */
        public Builder time(@Nullable Instant time) {
            this.time = time;
            return this;
        }

        /** @param status the status @return this builder */
        public Builder status(EvaluationStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets both the overall result and the score-based result.
         *
         * @param result the result
         * @return this builder
         */
        public Builder result(Verdict result) {
            this.result = Objects.requireNonNull(result, "result");
            this.evaluationResult = result;
            return this;
        }

        /** @param evaluationResult the score-based result alone @return this builder */
        public Builder evaluationResult(Verdict evaluationResult) {
            this.evaluationResult = Objects.requireNonNull(evaluationResult, "evaluationResult");
            return this;
        }

        /** @param score the total score in percent @return this builder */
        public Builder score(double score) {
            this.score = score;
            return this;
        }

        /** @param message the explanation of the result @return this builder */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /** @param indicatorResults the per-objective results @return this builder */
        public Builder indicatorResults(List<IndicatorResult> indicatorResults) {
            this.indicatorResults = new ArrayList<>(indicatorResults);
            return this;
        }

        /** @param indicatorResult one more per-objective result @return this builder */
        public Builder addIndicatorResult(IndicatorResult indicatorResult) {
            indicatorResults.add(Objects.requireNonNull(indicatorResult, "indicatorResult"));
            return this;
        }

        /** @param comparedEvents ids of the compared evaluations @return this builder */
        public Builder comparedEvents(List<String> comparedEvents) {
            this.comparedEvents = new ArrayList<>(comparedEvents);
            return this;
        }

        /** @param keySliFailure the failed key SLI, or null @return this builder */
        public Builder keySliFailure(@Nullable KeySliFailure keySliFailure) {
            this.keySliFailure = keySliFailure;
            return this;
        }

        /** @param sloFileContent the SLO file, base64-encoded @return this builder */
        public Builder sloFileContent(String sloFileContent) {
            this.sloFileContent = Objects.requireNonNull(sloFileContent, "sloFileContent");
            return this;
        }

        /**
         * Builds the result.
         *
         * @return the result
         */
        public EvaluationResult build() {
            return new EvaluationResult(id, project, stage, service, labels, timeframe, time, status, result,
                    evaluationResult, score, message, indicatorResults, comparedEvents, keySliFailure,
                    sloFileContent);
        }
    }
}
