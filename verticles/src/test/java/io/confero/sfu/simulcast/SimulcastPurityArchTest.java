package io.confero.sfu.simulcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulcast package is pure media logic: no framework, logging, I/O or clock reads. */
class SimulcastPurityArchTest {
    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(Set.of(Location.of(LayerTable.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void noFrameworkLoggingOrIo() {
        noClasses().that().resideInAPackage("io.confero.sfu.simulcast..").should().dependOnClassesThat()
            .resideInAnyPackage("io.vertx..", "com.hazelcast..", "org.slf4j..", "ch.qos.logback..",
                "java.util.logging..", "java.net..", "java.io..", "java.nio..")
            .check(classes);
    }

    @Test
    void noClockReads() {
        noClasses().that().resideInAPackage("io.confero.sfu.simulcast..").should()
            .callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
            .orShould().dependOnClassesThat().resideInAnyPackage("java.time..")
            .check(classes);
    }
}
