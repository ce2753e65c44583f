package dev.qualitygate.jmeter.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.jspecify.annotations.Nullable;

/**
 * Finds JMeter's home directory: one the user names, or one assembled from the JMeter jars on the class path laid
 * out like the binary distribution. The {@code ApacheJMeter_config} jar holds the distribution's whole {@code bin/}
 * folder; the launcher ({@code ApacheJMeter}) goes to {@code bin/}, JMeter's modules ({@code ApacheJMeter_*}) to
 * {@code lib/ext/}, every other jar of the class path to {@code lib/} (linked, or copied where links fail; the
 * launcher is always copied, since it finds the home from its own real location). The
 * assembled home is kept under the temporary directory, named by a hash of its jars, and reused. Internal; not API.
 */
public final class JMeterHome {
    private static final String LAUNCHER = "bin/ApacheJMeter.jar";
    /** Changes whenever the layout of assembled homes changes, so that older ones are not reused. */
    private static final String LAYOUT = "2";

    private JMeterHome() {
    }

    /**
     * Checks a home the user names.
     *
     * @param home the directory
     * @return the problem, or {@code null} when it has {@code bin/ApacheJMeter.jar}
     */
    public static @Nullable String problem(Path home) {
        return Files.isRegularFile(home.resolve(LAUNCHER)) ? null
                : home + " is not a JMeter home: it has no " + LAUNCHER;
    }

    /** The launcher jar of a home. */
    public static Path launcher(Path home) {
        return home.resolve(LAUNCHER);
    }

    /**
     * Assembles a home from the jars of a class path.
     *
     * @param classPath the class path, as in {@code java.class.path}
     * @param cacheRoot where assembled homes are kept
     * @return the home
     * @throws JMeterHomeException if the class path lacks the launcher or the config jar, or the home cannot be
     *     written
     */
    public static Path assemble(String classPath, Path cacheRoot) {
        List<Path> jars = jars(classPath);
        Path launcher = null;
        Path config = null;
        List<Path> modules = new ArrayList<>();
        List<Path> libraries = new ArrayList<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (name.matches("ApacheJMeter-\\d.*\\.jar")) {
                launcher = jar;
            } else if (name.startsWith("ApacheJMeter_config")) {
                config = jar;
            } else if (name.startsWith("ApacheJMeter_")) {
                modules.add(jar);
            } else {
                libraries.add(jar);
            }
        }
        if (launcher == null || config == null) {
            throw new JMeterHomeException("JMeter is not on the class path (no " + (launcher == null
                    ? "org.apache.jmeter:ApacheJMeter" : "org.apache.jmeter:ApacheJMeter_config") + " jar): add"
                    + " the JMeter 5.6.3 artifacts ApacheJMeter, ApacheJMeter_config, ApacheJMeter_core, _http,"
                    + " _components, _functions and _java as dependencies, set the tester's jmeterHome, or set"
                    + " JMETER_HOME");
        }
        Path home = cacheRoot.resolve("qualitygate-jmeter-home-" + hash(jars));
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        try {
            Files.createDirectories(cacheRoot);
            Path staging = Files.createTempDirectory(cacheRoot, "qualitygate-jmeter-home-");
            unzipBin(config, staging);
            Files.createDirectories(staging.resolve("bin"));
            Files.copy(launcher, staging.resolve(LAUNCHER));
            for (Path m : modules) {
                place(m, staging.resolve("lib/ext").resolve(m.getFileName()));
            }
            for (Path l : libraries) {
                place(l, staging.resolve("lib").resolve(l.getFileName()));
            }
            Files.createDirectories(staging.resolve("lib/junit"));
            Files.writeString(staging.resolve(".complete"), String.join("\n", jars.stream().map(Path::toString)
                    .toList()) + "\n");
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                delete(staging);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, home);
            }
            return home;
        } catch (IOException | UncheckedIOException e) {
            throw new JMeterHomeException("cannot assemble a JMeter home under " + cacheRoot + ": " + e, e);
        }
    }

    /**
     * Assembles a home from this JVM's class path and prints its directory; the benchmark under {@code bench/} uses it
     * to run JMeter's report generator.
     *
     * @param args the directory under which homes are kept
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JMeterHome CACHE_DIRECTORY");
        }
        System.out.println(assemble(System.getProperty("java.class.path"), Path.of(args[0])));
    }

    /** The jar files of a class path, with the jars that manifests of its jars add (as Surefire's booter jar). */
    static List<Path> jars(String classPath) {
        Set<Path> result = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), result);
            }
        }
        return List.copyOf(result);
    }

    private static void add(Path jar, Set<Path> result) {
        if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar) || !result.add(jar)) {
            return;
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return;
            }
            for (String ref : cp.trim().split("\\s+")) {
                try {
                    java.net.URI uri = jar.toUri().resolve(ref);
                    if ("file".equals(uri.getScheme())) {
                        add(Path.of(uri), result);
                    }
                } catch (IllegalArgumentException e) {
                    // a manifest entry that is not a file path is no jar of ours
                }
            }
        } catch (IOException e) {
            result.remove(jar);
        }
    }

    private static void unzipBin(Path config, Path home) throws IOException {
        try (JarFile jar = new JarFile(config.toFile())) {
            for (ZipEntry e : java.util.Collections.list(jar.entries())) {
                if (!e.getName().startsWith("bin/") || e.getName().contains("..")) {
                    continue;
                }
                Path target = home.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    private static void place(Path jar, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createSymbolicLink(target, jar);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(jar, target);
        }
    }

    private static String hash(List<Path> jars) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(LAYOUT.getBytes(StandardCharsets.UTF_8));
            for (Path j : jars.stream().sorted(Comparator.comparing(Path::toString)).toList()) {
                d.update(j.toString().getBytes(StandardCharsets.UTF_8));
                d.update(Long.toString(Files.size(j)).getBytes(StandardCharsets.UTF_8));
                d.update(Long.toString(Files.getLastModifiedTime(j).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new JMeterHomeException("cannot fingerprint the class path: " + e, e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
