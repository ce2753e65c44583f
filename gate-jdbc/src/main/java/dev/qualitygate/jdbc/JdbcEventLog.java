package dev.qualitygate.jdbc;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link EventLog} of a {@link JdbcEvaluationStore}: table {@code qg_event}, one row per event, obtained from
 * {@link JdbcEvaluationStore#eventLog()}.
 *
 * <p><b>Conditional appends.</b> One statement inserts the event at position n of its run only if position n - 1
 * exists (or n is 0); the unique index on run and position lets exactly one of several writers have a position, and
 * the others insert nothing. So the positions of a run are always 0 to n - 1, and an append at n succeeds exactly when
 * the run has n events. When the insert did nothing, the row at the position tells why: this very event (same id and
 * JSON) means an earlier try whose answer was lost committed it, and the append is confirmed; another event means
 * another writer came first, and the append returns {@code false}.
 *
 * <p><b>Columns.</b> {@code data} keeps the whole CloudEvent exactly as given (text, not {@code jsonb}, so that it
 * reads back byte for byte); {@code project}, {@code stage} and {@code service} are copied from its {@code data}
 * object by PostgreSQL's JSON functions, so that SQL can find a service's runs. Text that is not JSON is refused.
 * The {@code time} column, and the {@link LoggedEvent#time()} read back, keep microseconds, as PostgreSQL does; the
 * JSON keeps the time as written.
 *
 * <p>Thread-safe; uses the store's connections, retries and messages.
 */
final class JdbcEventLog implements EventLog {
    private static final String APPEND = "WITH given AS (SELECT CAST(? AS text) AS body),"
            + " event AS (SELECT body, body::json -> 'data' AS payload FROM given)"
            + " INSERT INTO qg_event (id, run_id, position, type, time, project, stage, service, data)"
            + " SELECT ?, ?, ?, ?, ?, coalesce(payload ->> 'project', ''), coalesce(payload ->> 'stage', ''),"
            + " coalesce(payload ->> 'service', ''), body FROM event"
            + " WHERE ? = 0 OR EXISTS (SELECT 1 FROM qg_event WHERE run_id = ? AND position = ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String AT_POSITION = "SELECT id, data FROM qg_event WHERE run_id = ? AND position = ?";
    private static final String WITH_ID = "SELECT 1 FROM qg_event WHERE id = ?";
    /** The events of a run; parameter: the run. */
    static final String EVENTS = "SELECT position, id, type, time, data FROM qg_event"
            + " WHERE run_id = ? AND position IS NOT NULL ORDER BY position";
    /** The newest events, for {@link #runs}; parameters: the {@code seq} to read below, the limit. */
    static final String RECENT = "SELECT seq, run_id FROM qg_event"
            + " WHERE position IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT ?";
    /** How many events {@link #runs} reads at a time, walking back from the newest. */
    static final int RECENT_BATCH = 1_000;

    private final JdbcEvaluationStore store;

    JdbcEventLog(JdbcEvaluationStore store) {
        this.store = store;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Committed when it returns {@code true}. Retried on lost connections for the store's {@code retryFor}; if no
     * new connection answers in time, {@link StoreException} says whether the event may have been stored (then
     * appending it again is safe: it is confirmed if it is there). Refused with {@link StoreException}: JSON that
     * PostgreSQL cannot read, and an event whose id is stored already with other content or elsewhere.
     */
    @Override
    public boolean append(LoggedEvent event) {
        Objects.requireNonNull(event, "event");
        String what = "event '" + event.id() + "' at position " + event.sequence() + " of run " + event.runId();
        return store.write(what, c -> {
            int inserted;
            try (PreparedStatement s = c.prepareStatement(APPEND)) {
                s.setString(1, event.json());
                s.setString(2, event.id());
                s.setString(3, event.runId());
                s.setInt(4, event.sequence());
                s.setString(5, event.type());
                s.setObject(6, OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC));
                s.setInt(7, event.sequence());
                s.setString(8, event.runId());
                s.setInt(9, event.sequence() - 1);
                inserted = s.executeUpdate();
            }
            return inserted == 1 || storedAlready(c, event, what);
        });
    }

    /**
     * After an insert that did nothing: whether this event is at its position. {@code false} if another event is
     * there, or the run is shorter.
     *
     * @throws StoreException if the event's id belongs to another stored event
     */
    private boolean storedAlready(Connection c, LoggedEvent event, String what) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(AT_POSITION)) {
            s.setString(1, event.runId());
            s.setInt(2, event.sequence());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(1).equals(event.id())) {
                        return false;
                    }
                    if (rs.getString(2).equals(event.json())) {
                        return true;
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(WITH_ID)) {
            s.setString(1, event.id());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw new StoreException("Could not store " + what + " in " + store.description()
                            + ": another event with this id is stored already. It was not stored.");
                }
            }
        }
        return false;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Rows stored by schema version 1 (without a position) are not part of any run.
     */
    @Override
    public List<LoggedEvent> events(String runId) {
        Objects.requireNonNull(runId, "runId");
        return store.read("read the events of run " + runId, c -> {
            List<LoggedEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(EVENTS)) {
                s.setString(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(new LoggedEvent(runId, rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
                    }
                }
            }
            return List.copyOf(events);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks the events back from the most recently stored one, {@value #RECENT_BATCH} at a time, until it has
     * seen {@code limit} runs: the cost grows with the runs asked for, not with the log.
     */
    @Override
    public List<String> runs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return store.read("list the runs", c -> {
            Set<String> runs = new LinkedHashSet<>();
            long before = Long.MAX_VALUE;
            boolean more = true;
            while (more && runs.size() < limit) {
                int rows = 0;
                try (PreparedStatement s = c.prepareStatement(RECENT)) {
                    s.setLong(1, before);
                    s.setInt(2, RECENT_BATCH);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            before = rs.getLong(1);
                            runs.add(rs.getString(2));
                        }
                    }
                }
                more = rows == RECENT_BATCH;
            }
            return runs.stream().limit(limit).toList();
        });
    }

    /**
     * Names the log without secrets.
     *
     * @return the store's URL as written with a literal password masked, or its data source's description
     */
    @Override
    public String toString() {
        return "JDBC event log " + store.description();
    }
}
