package io.confero.media.sdp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** CONVENTIONS §1: the SDP codec is pure — no Vert.x, Hazelcast, logging or clock. */
class SdpPackagePurityTest {
    private static final JavaClasses SDP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.confero.media.sdp");

    @Test
    void importsNoFrameworkOrLogging() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..",
                "org.slf4j..", "ch.qos.logback..", "java.util.logging..", "org.apache.logging..", "io.confero.sfu..",
                "io.confero.signaling..").check(SDP);
    }

    @Test
    void readsNoClockAndNoRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .check(SDP);
    }
}
