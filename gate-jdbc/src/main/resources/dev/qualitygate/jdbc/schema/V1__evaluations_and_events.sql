-- QualityGate schema version 1: evaluations and the events of delivery runs.
-- Applied once, in one transaction, by JdbcEvaluationStore; later versions only add (never drop or rewrite).

-- seq has no index of its own on purpose: the only indexes that give seq order are the partial ones below, so the
-- planner cannot choose to walk the whole table backwards in seq order, filtering for one history.
CREATE TABLE qg_evaluation (
    id             text PRIMARY KEY,
    seq            bigint GENERATED ALWAYS AS IDENTITY,
    project        text NOT NULL,
    stage          text NOT NULL,
    service        text NOT NULL,
    result         text NOT NULL CHECK (result IN ('pass', 'warning', 'fail')),
    score          double precision NOT NULL,
    evaluated_at   timestamptz,
    stored_at      timestamptz NOT NULL DEFAULT now(),
    invalidated_at timestamptz,
    body           text NOT NULL
);

COMMENT ON TABLE qg_evaluation IS
    'QualityGate evaluation history: one row per evaluation; seq orders each history, body is the evaluation.finished JSON';

-- One partial index per result filter of slo.yaml (include_result_with_score: all, pass_or_warn, pass), so that
-- the newest N comparable evaluations are one backward index range scan whatever the filter.
CREATE INDEX qg_evaluation_all ON qg_evaluation (project, stage, service, seq)
    WHERE invalidated_at IS NULL;
CREATE INDEX qg_evaluation_pass_or_warn ON qg_evaluation (project, stage, service, seq)
    WHERE invalidated_at IS NULL AND result <> 'fail';
CREATE INDEX qg_evaluation_pass ON qg_evaluation (project, stage, service, seq)
    WHERE invalidated_at IS NULL AND result = 'pass';

CREATE TABLE qg_event (
    id        text PRIMARY KEY,
    seq       bigint GENERATED ALWAYS AS IDENTITY,
    run_id    text NOT NULL,
    type      text NOT NULL,
    time      timestamptz NOT NULL,
    project   text NOT NULL,
    stage     text NOT NULL,
    service   text NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    data      text NOT NULL
);

COMMENT ON TABLE qg_event IS
    'QualityGate delivery events: one row per event of a delivery run, in the order stored; data is JSON';

CREATE INDEX qg_event_run ON qg_event (run_id, seq);
