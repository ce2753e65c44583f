package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JMeterHomeTest {
    @TempDir
    Path dir;

    private Path jar(String name, String classPath) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    @Test
    void jars_followManifestClassPaths_likeSurefiresBooterJar() throws IOException {
        Path a = jar("a.jar", null);
        Path b = jar("b.jar", null);
        Path booter = jar("booter.jar", a.toUri() + " b.jar missing.jar");

        assertThat(JMeterHome.jars(booter + java.io.File.pathSeparator + dir.resolve("classes")))
                .containsExactly(booter, a, b);
    }

    @Test
    void assemble_withoutJMeterOnTheClassPath_explainsTheWaysToProvideIt() throws IOException {
        Path a = jar("a.jar", null);

        assertThatThrownBy(() -> JMeterHome.assemble(a.toString(), dir.resolve("cache")))
                .isInstanceOf(JMeterHomeException.class)
                .hasMessageContaining("JMeter is not on the class path")
                .hasMessageContaining("jmeterHome").hasMessageContaining("JMETER_HOME");
    }

    @Test
    void assemble_fromTheTestClassPath_laysOutADistributionAndReusesIt() {
        String cp = System.getProperty("java.class.path");

        Path home = JMeterHome.assemble(cp, dir.resolve("cache"));

        assertThat(JMeterHome.problem(home)).isNull();
        assertThat(home.resolve("bin/jmeter.properties")).isRegularFile();
        assertThat(home.resolve("bin/report-template")).isDirectory();
        assertThat(home.resolve("lib/ext/ApacheJMeter_http-5.6.3.jar")).exists();
        assertThat(home.resolve("lib/junit")).isDirectory();
        assertThat(Files.isSymbolicLink(JMeterHome.launcher(home))).as("the launcher is a copy").isFalse();
        assertThat(JMeterHome.assemble(cp, dir.resolve("cache"))).isEqualTo(home);
    }
}
