package io.confero.tools.impair;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only the UDP shell and its command line touch sockets and the clock; the link models are pure. */
class ImpairModelPurityArchTest {
    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.confero.tools.impair");

    @Test
    void modelsReadNoClockAndOpenNoSocket() {
        noClasses().that().resideInAPackage("io.confero.tools.impair")
            .and().doNotHaveSimpleName("ImpairRelay").and().doNotHaveSimpleName("ImpairRelayMain")
            .and().haveNameNotMatching(".*ImpairRelay\\$.*")
            .should().callMethod(System.class, "nanoTime").orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.time..", "io.vertx..")
            .check(classes);
    }
}
