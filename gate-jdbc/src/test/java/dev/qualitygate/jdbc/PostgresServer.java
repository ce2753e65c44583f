package dev.qualitygate.jdbc;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL server for tests: its own data directory under the temporary directory, its own port on
 * 127.0.0.1, started with {@code pg_ctl} from the installed binaries (Debian's {@code postgresql} package puts them
 * under {@code /usr/lib/postgresql/<version>/bin}; {@code QUALITYGATE_PG_BIN} overrides), never a system service.
 * PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres} user via {@code runuser}.
 *
 * <p>Without the binaries the calling test is skipped with a message saying how to install them; with the
 * environment variable {@code CI=true} it fails instead, so that CI never silently skips.
 *
 * <p>The superuser is {@value #USER} with the password {@link #PASSWORD}, which connections over TCP must give.
 * Public (and shipped in the test jar) so that gate-cli's tests can use it too.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser. */
    public static final String USER = "gate";
    /** The superuser's password; full of characters that a URL would need escaped. */
    public static final String PASSWORD = "s3cr&t p@ss=word?";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Object LOCK = new Object();
    private static PostgresServer shared;
    private static Path template;

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;
    private final String limits;

    private PostgresServer(Path bin, Path directory, int port, String limits) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.limits = limits;
    }

    /**
     * The server shared by the tests of this JVM, started on first use and stopped when the JVM exits. Tests that
     * stop or limit the server use their own ({@link #startPrivate}).
     *
     * @return the running server
     */
    public static PostgresServer shared() {
        synchronized (LOCK) {
            if (shared == null) {
                PostgresServer server = startPrivate("");
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-server-stop"));
                shared = server;
            }
            return shared;
        }
    }

    /**
     * Starts a server of its own.
     *
     * @param limits shell commands run before the server starts, such as {@code ulimit -f 65536}; empty for none
     * @return the running server; close it to stop it and delete its files
     */
    public static PostgresServer startPrivate(String limits) {
        Path bin = binaries();
        try {
            PostgresServer server = new PostgresServer(bin, serverDirectory("qualitygate-pg-"), freePort(), limits);
            server.copyTemplate();
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up a PostgreSQL test server: " + e, e);
        }
    }

    /** A new temporary directory that the server's user owns. */
    private static Path serverDirectory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (isRoot()) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
        }
        return directory;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path binaries() {
        String configured = System.getenv("QUALITYGATE_PG_BIN");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isEmpty()) {
            candidates.add(Path.of(configured));
        } else {
            Path debian = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(debian)) {
                try (Stream<Path> versions = Files.list(debian)) {
                    versions.map(v -> v.resolve("bin"))
                            .sorted(Comparator.comparing(PostgresServer::majorVersion).reversed())
                            .forEach(candidates::add);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list " + debian + ": " + e, e);
                }
            }
            String path = System.getenv("PATH");
            if (path != null) {
                for (String entry : path.split(":")) {
                    candidates.add(Path.of(entry));
                }
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return candidate;
            }
        }
        String message = "PostgreSQL's initdb and pg_ctl were not found (looked in "
                + (configured != null && !configured.isEmpty() ? configured : "/usr/lib/postgresql/*/bin and PATH")
                + "). Install them: apt-get install --no-install-recommends postgresql (Debian/Ubuntu), or set"
                + " QUALITYGATE_PG_BIN to the directory holding initdb and pg_ctl.";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and " + message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs initdb once per JVM into a template, then copies it: a copy takes a fraction of initdb's time. */
    private void copyTemplate() throws IOException {
        synchronized (LOCK) {
            if (template == null) {
                Path dir = serverDirectory("qualitygate-pg-template-");
                Path passwordFile = dir.resolve("password");
                Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
                run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                        "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                        "-E", "UTF8", "--no-locale", "--no-sync"), false, true);
                Files.delete(passwordFile);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "postgres-template-rm"));
                template = dir;
            }
        }
        run(List.of("cp", "-a", template.resolve("data").toString(), data.toString()), false, true);
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=60 -c shared_buffers=16MB", "start"), true, true);
    }

    /** Stops the server, letting running statements end and clients go ({@code -m fast}). */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                false, true);
    }

    /** Kills the server at once, as a crash would ({@code -m immediate}); the next start recovers from the WAL. */
    public void kill() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60",
                "stop"), false, true);
    }

    /** Stops and starts the server again on the same port. */
    public void restart() {
        stop();
        start();
    }

    /**
     * The port the server listens on.
     *
     * @return the TCP port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * Creates a new, empty database.
     *
     * @return its name
     */
    public String createDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e, e);
        }
        return name;
    }

    /**
     * The URL of a database, without credentials.
     *
     * @param database the database
     * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}
     */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The URL of a database with the superuser's credentials as literal, URL-encoded parameters.
     *
     * @param database the database
     * @return the URL
     */
    public String urlWithCredentials(String database) {
        return url(database) + "?user=" + USER + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    }

    /**
     * A superuser connection to a database, for setting up and inspecting tests.
     *
     * @param database the database
     * @return a new connection in auto-commit mode
     * @throws SQLException if the server does not answer
     */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("ApplicationName", "qualitygate-test-admin");
        return DriverManager.getConnection(url(database), p);
    }

    /** The server's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the server log is unreadable: " + e + ")";
        }
    }

    /**
     * Runs a command as the server's user (as root: postgres, via runuser).
     *
     * @param withLimits whether to apply the limits first (to the server process only)
     * @param check whether a non-zero exit status is an error
     */
    private void run(List<String> command, boolean withLimits, boolean check) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        String script = withLimits && !limits.isEmpty() ? limits + " && exec \"$@\"" : "exec \"$@\"";
        full.addAll(List.of("/bin/sh", "-c", script, "sh"));
        full.addAll(command);
        try {
            Path output = Files.createTempFile("qualitygate-pg-command-", ".log");
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out after " + COMMAND_TIMEOUT + ": " + full);
                }
                if (check && p.exitValue() != 0) {
                    throw new IllegalStateException("failed with exit status " + p.exitValue() + ": " + full + "\n"
                            + Files.readString(output, StandardCharsets.UTF_8) + "\nserver log:\n" + log());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + full, e);
        }
    }

    /** Stops the server (if it runs) and deletes its files. */
    @Override
    public void close() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60",
                    "stop"), false, false);
        }
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL test server on 127.0.0.1:" + port + " in " + directory;
    }
}
