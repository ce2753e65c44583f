package dev.qualitygate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of gate-core's packages, and what may use Jackson and the console. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.qualitygate");
    }

    @Test
    void lowerLayers_dependOnNothingAboveThem() {
        noClasses().that().resideInAnyPackage("dev.qualitygate.error..", "dev.qualitygate.criteria..",
                        "dev.qualitygate.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.qualitygate.yaml..",
                        "dev.qualitygate.engine..", "dev.qualitygate.report..", "dev.qualitygate.history..",
                        "dev.qualitygate.spi..", "dev.qualitygate.internal..")
                .check(classes);
    }

    @Test
    void engine_usesOnlyModelCriteriaAndErrors() {
        noClasses().that().resideInAPackage("dev.qualitygate.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.qualitygate.yaml..",
                        "dev.qualitygate.report..", "dev.qualitygate.history..", "dev.qualitygate.spi..",
                        "dev.qualitygate.internal..", "tools.jackson..", "java.io..", "java.nio..", "java.net..")
                .check(classes);
    }

    @Test
    void nothing_dependsOnTheRootPackage() {
        noClasses().that().resideOutsideOfPackage("dev.qualitygate")
                .should().dependOnClassesThat().resideInAPackage("dev.qualitygate")
                .check(classes);
    }

    @Test
    void jackson_isConfinedToYamlReportAndInternal() {
        noClasses().that().resideOutsideOfPackages("dev.qualitygate.yaml..", "dev.qualitygate.report..",
                        "dev.qualitygate.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "org.snakeyaml..")
                .check(classes);
    }

    @Test
    void mainCode_neverWritesToTheConsole() {
        noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.qualitygate.(*)..").should().beFreeOfCycles().check(classes);
    }
}
