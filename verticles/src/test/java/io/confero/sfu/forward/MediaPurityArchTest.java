package io.confero.sfu.forward;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codec and forwarding packages stay pure: no Vert.x, Hazelcast, logging or clock reads. */
class MediaPurityArchTest {
    private static final String[] PURE = {"io.confero.media.rtp..", "io.confero.media.rtcp..", "io.confero.sfu.forward..", "io.confero.sfu.bwe..",
        "io.confero.sfu.placement.."};

    /** Imports only the main classes directory (fast), not the whole classpath. */
    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(Set.of(Location.of(Forwarder.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void noFrameworkOrLoggingImports() {
        noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().resideInAnyPackage(
                "io.vertx..", "com.hazelcast..", "org.slf4j..", "ch.qos.logback..", "java.util.logging..",
                "org.apache.logging..")
            .check(classes);
    }

    @Test
    void noClockReads() {
        noClasses().that().resideInAnyPackage(PURE).should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().dependOnClassesThat().resideInAnyPackage("java.time..")
            .check(classes);
    }

    @Test
    void codecsDoNotDependOnForwarding() {
        noClasses().that().resideInAnyPackage("io.confero.media.rtp..", "io.confero.media.rtcp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.confero.sfu..")
            .check(classes);
    }
}
