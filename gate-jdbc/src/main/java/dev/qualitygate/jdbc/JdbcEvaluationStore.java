package dev.qualitygate.jdbc;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.spi.Secret;
import dev.qualitygate.spi.SecretResolver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EvaluationStore} in a PostgreSQL database: one history that every machine of a team reads and writes,
 * and beside it the {@linkplain #eventLog() event log} of delivery runs.
 *
 * <pre>{@code
 * try (JdbcEvaluationStore store = JdbcEvaluationStore.builder()
 *         .url("jdbc:postgresql://db.example.com/gate?user=${env:GATE_DB_USER}&password=${env:GATE_DB_PASSWORD}")
 *         .build();
 *         Gate gate = Gate.builder().slo(slo).sli(sli).store(store).build()) {
 *     gate.evaluate(context, window);
 * }
 * }</pre>
 *
 * <p><b>Schema.</b> {@link Builder#build()} creates the tables, or migrates them to this version, on first use:
 * versioned in {@code qg_schema_version}, in one transaction, never dropping anything. Each evaluation is one row of
 * {@code qg_evaluation} with its JSON ({@link EvaluationJson#write}); {@code seq} orders each history. One partial
 * index per result filter makes "the newest N comparable evaluations" one backward index scan, so choosing a baseline
 * costs the same with a hundred or a million stored evaluations.
 *
 * <p><b>Order.</b> Appends to one history take a transaction-scoped advisory lock, so their {@code seq} order is
 * their commit order: every {@link #recent} sees a prefix of each history as it finally is, never a later evaluation
 * without an earlier one.
 *
 * <p><b>Lost connections.</b> When the connection is lost (the server restarted, the connection was terminated, the
 * network failed) an operation takes a new one and tries again, for up to {@link Builder#retryFor} (default 30
 * seconds). An append is confirmed or reported, never silently dropped: the id is unique, so an append that is tried
 * again after its first try may have been committed either inserts the row or finds the identical row there. If no
 * new connection answers in time, {@link StoreException} says whether the evaluation may have been stored. Other
 * errors (a full disk, a missing right) are reported at once; then nothing was stored.
 *
 * <p>Thread-safe. Connections come from the driver (up to {@value #MAX_IDLE} are kept open between operations) or
 * from the application's {@link DataSource}.
 *
 * @since 0.1
 */
public final class JdbcEvaluationStore implements EvaluationStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcEvaluationStore.class);

    /** The first key of the advisory locks that order the appends of one history: "QG" in ASCII, then 1. */
    static final int HISTORY_LOCK_CLASS = 0x5147_0001;
    /** How many idle connections a store made from a URL keeps open. */
    static final int MAX_IDLE = 8;
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(30);
    private static final long FIRST_BACKOFF_MILLIS = 25;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private static final String APPEND = "WITH history_lock AS (SELECT pg_advisory_xact_lock(?, ?))"
            + " INSERT INTO qg_evaluation (id, project, stage, service, result, score, evaluated_at, body)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM history_lock"
            + " ON CONFLICT (id) DO NOTHING";
    private static final String STORED_BODY = "SELECT body FROM qg_evaluation WHERE id = ?";
    private static final String INVALIDATE =
            "UPDATE qg_evaluation SET invalidated_at = coalesce(invalidated_at, now()) WHERE id = ?";
    private static final String MAYBE_STORED = " It may or may not be stored; appending it again is safe, since a"
            + " store keeps one row per id.";

    private final ConnectionSource connections;
    private final String description;
    private final Duration retryFor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final JdbcEventLog eventLog = new JdbcEventLog(this);

    private JdbcEvaluationStore(ConnectionSource connections, String description, Duration retryFor) {
        this.connections = connections;
        this.description = description;
        this.retryFor = retryFor;
    }

    /** The URL as written with a literal password masked, or the data source's description; for messages. */
    String description() {
        return description;
    }

    /**
     * A builder: give a {@linkplain Builder#url URL} or a {@linkplain Builder#dataSource data source}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns once the row is committed. Appending an evaluation whose id is stored already is confirmed without
     * storing it again if the stored one is identical, and refused otherwise.
     *
     * @throws IllegalArgumentException if the result has no id: the id is what makes appends safe to retry
     */
    @Override
    public void append(EvaluationResult result) {
        Objects.requireNonNull(result, "result");
        if (result.id().isEmpty()) {
            throw new IllegalArgumentException("the JDBC store needs the id of an evaluation; this one has none");
        }
        String body = EvaluationJson.write(result);
        HistoryKey key = HistoryKey.of(result);
        String what = "evaluation '" + result.id() + "'";
        write(what, c -> {
            int inserted;
            try (PreparedStatement s = c.prepareStatement(APPEND)) {
                s.setInt(1, HISTORY_LOCK_CLASS);
                s.setInt(2, lockKey(key));
                s.setString(3, result.id());
                s.setString(4, key.project());
                s.setString(5, key.stage());
                s.setString(6, key.service());
                s.setString(7, result.result().keyword());
                s.setDouble(8, result.score());
                if (result.time() == null) {
                    s.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    s.setObject(9, OffsetDateTime.ofInstant(result.time(), ZoneOffset.UTC));
                }
                s.setString(10, body);
                inserted = s.executeUpdate();
            }
            if (inserted == 0 && !body.equals(storedBody(c, result.id()))) {
                throw new StoreException("Could not store " + what + " in " + description + ": another evaluation"
                        + " with this id is stored already. It was not stored.");
            }
            return null;
        });
    }

    private static @Nullable String storedBody(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STORED_BODY)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The second key of a history's advisory lock; histories whose keys collide merely wait for each other. */
    static int lockKey(HistoryKey key) {
        return Objects.hash(key.project(), key.stage(), key.service());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One query over the partial index of the filter, newest first. A row whose JSON cannot be read (edited by
     * hand) is logged at WARN and skipped, and the next older one taken instead.
     */
    @Override
    public List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        String sql = recentSql(filter);
        return read("read the history " + key, c -> {
            List<EvaluationResult> found = new ArrayList<>(Math.min(limit, 1_000));
            long before = Long.MAX_VALUE;
            boolean more = true;
            while (more && found.size() < limit) {
                int wanted = limit - found.size();
                int rows = 0;
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, key.project());
                    s.setString(2, key.stage());
                    s.setString(3, key.service());
                    s.setLong(4, before);
                    s.setInt(5, wanted);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            before = rs.getLong(1);
                            EvaluationResult r = parse(rs.getString(2), rs.getString(3));
                            if (r != null) {
                                found.add(r);
                            }
                        }
                    }
                }
                more = rows == wanted;
            }
            Collections.reverse(found);
            return List.copyOf(found);
        });
    }

    /**
     * The query of {@link #recent}: parameters project, stage, service, the {@code seq} to read below, the limit.
     * The condition on the result is written exactly as the predicate of the filter's partial index.
     */
    static String recentSql(ResultFilter filter) {
        String condition;
        switch (filter) {
            case PASS:
                condition = " AND result = 'pass'";
                break;
            case PASS_OR_WARN:
                condition = " AND result <> 'fail'";
                break;
            default:
                condition = "";
                break;
        }
        return "SELECT seq, id, body FROM qg_evaluation"
                + " WHERE project = ? AND stage = ? AND service = ? AND invalidated_at IS NULL" + condition
                + " AND seq < ? ORDER BY seq DESC LIMIT ?";
    }

    private @Nullable EvaluationResult parse(String id, String body) {
        try {
            return EvaluationJson.read(body, "evaluation '" + id + "'");
        } catch (GateConfigException | IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage());
            int newline = reason.indexOf('\n');
            log.warn("Skipping evaluation '{}' in {}: its JSON is not an evaluation: {}", id, description,
                    newline < 0 ? reason : reason.substring(0, newline));
            return null;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sets {@code invalidated_at} of the row; the row stays.
     */
    @Override
    public boolean invalidate(String id) {
        Objects.requireNonNull(id, "id");
        return read("invalidate evaluation '" + id + "'", c -> {
            try (PreparedStatement s = c.prepareStatement(INVALIDATE)) {
                s.setString(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    /**
     * The event log of delivery runs in this database, beside the evaluations: table {@code qg_event}, one row per
     * event, with a unique key on run and position that makes appends conditional (see {@link EventLog}). It shares
     * this store's connections and retries: appends are committed when they return, retried on lost connections,
     * and confirmed or reported as the evaluations are.
     *
     * <pre>{@code
     * try (JdbcEvaluationStore store = JdbcEvaluationStore.builder().url(url).build();
     *         DeliveryRunner runner = DeliveryRunner.builder(shipyard).eventLog(store.eventLog()) ... .build()) {
     *     runner.start(request);
     * }
     * }</pre>
     *
     * @return the event log; closing it does nothing, closing this store ends it too
     * @since 0.1
     */
    public EventLog eventLog() {
        return eventLog;
    }

    /** Closes the idle connections; operations afterwards throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connections.close();
        }
    }

    /**
     * Names the store without secrets.
     *
     * @return the URL as written with a literal password masked, or the data source's description
     */
    @Override
    public String toString() {
        return "JDBC evaluation store " + description;
    }

    /** One database operation on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs work that may safely run twice, taking a new connection while connections are being lost.
     *
     * @param action what it does, for messages: "read the history X"
     */
    <T> T read(String action, Work<T> work) {
        return run(work, new Failures() {
            @Override
            StoreException failed(SQLException e, boolean sentBefore) {
                return new StoreException("Could not " + action + " in " + description + ": " + message(e), e);
            }

            @Override
            StoreException lost(SQLException e, boolean sentBefore) {
                return new StoreException("Could not " + action + " in " + description + ": "
                        + lostConnection(sentBefore) + ": " + message(e), e);
            }
        });
    }

    /**
     * Runs a write of one row that is confirmed or refused by its id, so that it may be tried again.
     *
     * @param what the row, for messages: "evaluation 'X'"
     */
    <T> T write(String what, Work<T> work) {
        return run(work, new Failures() {
            @Override
            StoreException failed(SQLException e, boolean sentBefore) {
                return new StoreException("Could not store " + what + " in " + description + ": " + message(e) + "."
                        + (sentBefore ? MAYBE_STORED : " It was not stored."), e);
            }

            @Override
            StoreException lost(SQLException e, boolean sentBefore) {
                if (sentBefore) {
                    return new StoreException("Could not confirm that " + what + " was stored in " + description
                            + ": " + lostConnection(true) + ": " + message(e) + "." + MAYBE_STORED, e);
                }
                return new StoreException("Could not store " + what + " in " + description + ": "
                        + lostConnection(false) + ": " + message(e) + ". It was not stored.", e);
            }
        });
    }

    /** Why an operation gave up on connections, mentioning the retries if there were any. */
    private String lostConnection(boolean hadOne) {
        String retried = retryFor.isZero() ? "" : " within " + seconds(retryFor);
        return hadOne ? "the connection was lost" + (retryFor.isZero() ? "" : " and no new one answered" + retried)
                : "no connection" + retried;
    }

    /** The exceptions of an operation that failed. */
    private abstract static class Failures {
        /**
         * The database refused the operation (not a lost connection).
         *
         * @param sentBefore whether an earlier try was sent on a connection that was then lost
         */
        abstract StoreException failed(SQLException e, boolean sentBefore);

        /**
         * The connection was lost and no new one answered in time.
         *
         * @param sentBefore whether a try was sent on a connection that was then lost
         */
        abstract StoreException lost(SQLException e, boolean sentBefore);
    }

    private <T> T run(Work<T> work, Failures failures) {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean sent = false;
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            boolean lost = false;
            SQLException lostBy;
            try {
                c = connections.get();
                return work.run(c);
            } catch (SQLException e) {
                if (!isConnectionLoss(e)) {
                    throw failures.failed(e, sent);
                }
                lost = true;
                sent |= c != null;
                lostBy = e;
            } finally {
                if (c != null) {
                    connections.release(c, lost);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw failures.lost(lostBy, sent);
            }
            long pause = Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(left) + 1);
            log.warn("Lost the connection to {} (try {}: {}); trying again in {} ms", description, attempt,
                    message(lostBy), pause);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                StoreException interrupted = failures.lost(lostBy, sent);
                interrupted.addSuppressed(e);
                throw interrupted;
            }
            backoff = Math.min(2 * backoff, MAX_BACKOFF_MILLIS);
        }
    }

    /**
     * Whether an exception means the connection is gone (or none can be made for now) rather than that the database
     * refused the statement: SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shuts down, crashed,
     * or is starting), 53300 (too many connections).
     *
     * @param e the exception
     * @return {@code true} if trying again on a new connection may succeed
     */
    static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e instanceof SQLRecoverableException || e instanceof SQLTransientConnectionException;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300");
    }

    /** The exception's message on one line, with its SQLSTATE. */
    static String message(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        text = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return e.getSQLState() == null ? text : text + " (SQLSTATE " + e.getSQLState() + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Configures a {@link JdbcEvaluationStore}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable String url;
        private @Nullable String user;
        private @Nullable Secret password;
        private @Nullable DataSource dataSource;
        private String dataSourceDescription = "";
        private SecretResolver secrets = SecretResolver.system();
        private Duration retryFor = DEFAULT_RETRY;

        private Builder() {
        }

        /**
         * The database as a {@code jdbc:postgresql:} URL, such as
         * {@code jdbc:postgresql://db:5432/gate?user=${env:GATE_DB_USER}&password=${env:GATE_DB_PASSWORD}}.
         * {@code ${env:NAME}} references anywhere in it are expanded; the {@code user} and {@code password}
         * parameters may also be {@code ${file:/path}} and are passed to the driver as connection properties, never
         * as part of the URL. Parameters of the PostgreSQL driver apply (such as {@code currentSchema},
         * {@code sslmode}); the store sets {@code ApplicationName=qualitygate}, {@code connectTimeout=10} and
         * {@code socketTimeout=60} unless the URL sets them.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * The user, instead of the URL's {@code user} parameter.
         *
         * @param user the user name
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * The password, instead of the URL's {@code password} parameter.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(Secret password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Resolves the references in the URL; by default {@link SecretResolver#system()}.
         *
         * @param secrets the resolver
         * @return this builder
         */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /**
         * Takes connections from the application's data source (a pool, say) instead of a URL; each is closed after
         * one operation.
         *
         * @param dataSource the data source of a PostgreSQL database
         * @param description names it in messages; must not hold secrets
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource, String description) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.dataSourceDescription = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * How long an operation keeps trying to get a new connection after losing one; default 30 seconds. Zero
         * reports the first lost connection.
         *
         * @param retryFor zero or a positive duration
         * @return this builder
         */
        public Builder retryFor(Duration retryFor) {
            if (retryFor.isNegative()) {
                throw new IllegalArgumentException("retryFor must not be negative, was " + retryFor);
            }
            this.retryFor = retryFor;
            return this;
        }

        /**
         * Connects, creates or migrates the schema, and returns the store.
         *
         * @return the store; close it to close its connections
         * @throws IllegalStateException if neither or both of a URL and a data source were given, or credentials
         *     with a data source
         * @throws dev.qualitygate.error.GateException if the URL is not PostgreSQL's or a reference in it cannot be
         *     resolved
         * @throws StoreException if there is no JDBC driver for the URL, the database cannot be reached within
         *     {@link #retryFor}, refuses the login, or the schema cannot be created
         */
        public JdbcEvaluationStore build() {
            if ((url == null) == (dataSource == null)) {
                throw new IllegalStateException("give exactly one of url(...) and dataSource(...)");
            }
            if (dataSource != null && (user != null || password != null)) {
                throw new IllegalStateException("user(...) and password(...) go with url(...); a data source has"
                        + " its own credentials");
            }
            ConnectionSource source;
            String description;
            if (url != null) {
                JdbcLocation location = JdbcLocation.parse(url, secrets);
                description = location.description();
                Properties properties = new Properties();
                properties.setProperty("ApplicationName", "qualitygate");
                properties.setProperty("connectTimeout", "10");
                properties.setProperty("socketTimeout", "60");
                properties.putAll(location.credentials());
                if (user != null) {
                    properties.setProperty("user", user);
                }
                if (password != null) {
                    properties.setProperty("password", password.reveal());
                }
                try {
                    DriverManager.getDriver(location.url());
                } catch (SQLException e) {
                    throw new StoreException("Cannot open the store " + description + ": there is no JDBC driver"
                            + " for PostgreSQL on the class path; add org.postgresql:postgresql to the application");
                }
                source = ConnectionSource.driver(location.url(), properties, MAX_IDLE);
            } else {
                description = dataSourceDescription;
                source = ConnectionSource.dataSource(Objects.requireNonNull(dataSource));
            }
            JdbcEvaluationStore store = new JdbcEvaluationStore(source, description, retryFor);
            try {
                store.read("prepare the schema", c -> Schema.migrate(c, description));
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        }
    }
}
