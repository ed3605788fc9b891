package io.confero.media.stun;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** CONVENTIONS §1: the STUN codec is pure: no Vert.x, Hazelcast, logging, or clock. */
class StunPurityArchTest {
    private static final JavaClasses STUN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.confero.media.stun");

    @Test
    void importsNoFrameworkOrLogging() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..", "org.slf4j..",
                "ch.qos.logback..", "java.util.logging..", "io.netty..", "io.micrometer..").check(STUN);
    }

    @Test
    void readsNoClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .check(STUN);
    }
}
