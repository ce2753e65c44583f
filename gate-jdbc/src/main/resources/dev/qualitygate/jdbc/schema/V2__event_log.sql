-- QualityGate schema version 2: qg_event becomes the event log of delivery runs (dev.qualitygate.history.EventLog).
-- Applied once, in one transaction, by JdbcEvaluationStore. Only adds: a position column, the unique index that makes
-- appends conditional, and an index for listing the runs with the most recent events. Rows stored by version 1 keep
-- a null position; the event log neither reads nor counts them.

ALTER TABLE qg_event ADD COLUMN position integer CHECK (position >= 0);

-- One event per position of a run. An append inserts at position n only if position n - 1 exists, so the positions of
-- a run are always 0, 1, ..., n - 1, and of several writers appending at one position exactly one succeeds.
CREATE UNIQUE INDEX qg_event_position ON qg_event (run_id, position);

-- The runs with the most recent events first: a backward scan that stops once it has seen enough runs.
CREATE INDEX qg_event_recent ON qg_event (seq) WHERE position IS NOT NULL;

COMMENT ON COLUMN qg_event.position IS
    '0-based position of the event in its run; null for rows stored by schema version 1';
COMMENT ON COLUMN qg_event.data IS
    'the whole CloudEvent as JSON text, exactly as written; project, stage and service are copied from its data';
