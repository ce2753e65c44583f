package dev.qualitygate.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of the store and their versions. The table {@code qg_schema_version} lists the versions applied; each
 * newer migration runs in one transaction, under an advisory lock so that processes starting at once apply it once.
 * Migrations only ever add: later versions never drop or rewrite, so an older QualityGate keeps working with a
 * newer schema.
 */
final class Schema {
    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    /** The advisory lock (one bigint key) held while migrating: "QGSCHEMA" in ASCII. */
    static final long MIGRATION_LOCK = 0x5147_5343_4845_4D41L;

    /** PostgreSQL's SQLSTATE for a statement the user has no right to run. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** One migration: a version and the SQL script that takes the schema from the version before to it. */
    record Migration(int version, String description, String script) {
    }

    /** Every migration, in order. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "evaluations and events", "schema/V1__evaluations_and_events.sql"),
            new Migration(2, "event log of delivery runs", "schema/V2__event_log.sql"));

    private Schema() {
    }

    /**
     * Brings the schema up to the last version of {@link #MIGRATIONS}, the one this code writes; does nothing (and
     * needs no right to create tables) when it is there already.
     *
     * @param c a connection in auto-commit mode; left in auto-commit mode
     * @param where the store, for the log
     * @return the version found before migrating, 0 for none
     * @throws SQLException if the schema cannot be read or a migration fails; then nothing of it was applied
     */
    static int migrate(Connection c, String where) throws SQLException {
        return migrate(c, where, MIGRATIONS);
    }

    /**
     * Brings the schema up to the last of the given migrations; the tests use it to build the schemas of earlier
     * versions.
     *
     * @param c a connection in auto-commit mode; left in auto-commit mode
     * @param where the store, for the log
     * @param migrations the first migrations of {@link #MIGRATIONS}, in order
     * @return the version found before migrating, 0 for none
     * @throws SQLException if the schema cannot be read or a migration fails; then nothing of it was applied. When
     *     the user lacks a right, the message says which versions were to be applied and how to apply them
     */
    static int migrate(Connection c, String where, List<Migration> migrations) throws SQLException {
        int latest = migrations.get(migrations.size() - 1).version();
        int found = version(c);
        if (found >= latest) {
            if (found > latest) {
                log.debug("The schema in {} is at version {}, newer than the {} this QualityGate knows; using it",
                        where, found, latest);
            }
            return found;
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS qg_schema_version ("
                    + " version integer PRIMARY KEY,"
                    + " description text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current = version(c);
            for (Migration m : migrations) {
                if (m.version() > current) {
                    s.execute(script(m));
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO qg_schema_version (version, description) VALUES (?, ?)")) {
                        insert.setInt(1, m.version());
                        insert.setString(2, m.description());
                        insert.executeUpdate();
                    }
                    log.info("Applied schema version {} ({}) to {}", m.version(), m.description(), where);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                throw new SQLException("this user may not " + (found == 0 ? "create the tables (schema version "
                        + latest + ")" : "migrate the schema from version " + found + " to " + latest)
                        + "; open the store once as a user who may (such as the owner of the database or of the"
                        + " tables), then this one can use it: " + sql.getMessage(), sql.getSQLState(), sql);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        return found;
    }

    /**
     * The version of the schema.
     *
     * @param c a connection
     * @return the highest version applied, 0 if there is no version table or it is empty
     * @throws SQLException if it cannot be read
     */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet exists = s.executeQuery("SELECT to_regclass('qg_schema_version') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement s = c.createStatement();
                ResultSet max = s.executeQuery("SELECT coalesce(max(version), 0) FROM qg_schema_version")) {
            max.next();
            return max.getInt(1);
        }
    }

    private static String script(Migration m) {
        try (InputStream in = Objects.requireNonNull(Schema.class.getResourceAsStream(m.script()), m.script())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migration " + m.script(), e);
        }
    }
}
