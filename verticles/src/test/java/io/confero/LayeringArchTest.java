package io.confero;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of CONVENTIONS.md §1 and §5, held for the whole code base. */
class LayeringArchTest {
  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.confero");
  }

  @Test
  void mediaCodecsAndLogicArePure() {
    noClasses().that().resideInAnyPackage("io.confero.media..", "io.confero.sfu.forward..", "io.confero.sfu.bwe..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..", "org.slf4j..",
            "io.confero.api..", "io.confero.signaling..", "io.confero.store..", "io.confero.meeting..",
            "io.confero.turn..", "io.confero.app..")
        .check(classes);
  }

  /**
   * The SFU's packages import downward only (CONVENTIONS.md §1, §4): the worker verticle wires a
   * router; the router negotiates and owns producers and consumers; the media path uses transports
   * and the pure forwarding decisions; transports never see the media model; forwarding decisions
   * and drop reasons know no I/O at all.
   */
  @Test
  void sfuPackagesImportDownwardOnly() {
    noClasses().that().resideInAnyPackage("io.confero.sfu.forward..", "io.confero.sfu.bwe..", "io.confero.sfu.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "io.confero.sfu.transport..",
            "io.confero.sfu.media..", "io.confero.sfu.router..")
        .check(classes);
    noClasses().that().resideInAnyPackage("io.confero.sfu.transport..", "io.confero.sfu.ice..", "io.confero.sfu.dtls..")
        .should().dependOnClassesThat().resideInAnyPackage("io.confero.sfu.media..", "io.confero.sfu.router..")
        .check(classes);
    noClasses().that().resideInAPackage("io.confero.sfu.media..")
        .should().dependOnClassesThat().resideInAnyPackage("io.confero.sfu.router..", "io.vertx..", "io.confero.codecs..")
        .check(classes);
    noClasses().that().resideInAPackage("io.confero.sfu.router..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..")
        .check(classes);
  }

  @Test
  void verticlesTalkOnlyThroughTheEventBusContract() {
    noClasses().that().resideInAPackage("io.confero.signaling..")
        .should().dependOnClassesThat().resideInAnyPackage("io.confero.sfu..", "io.confero.turn..")
        .check(classes);
    noClasses().that().resideInAPackage("io.confero.sfu..")
        .should().dependOnClassesThat().resideInAnyPackage("io.confero.signaling..", "io.confero.api..",
            "io.confero.store..", "io.confero.meeting..")
        .check(classes);
    noClasses().that().resideInAPackage("io.confero.api..")
        .should().dependOnClassesThat().resideInAnyPackage("io.confero.sfu..", "io.confero.signaling..")
        .check(classes);
  }

  @Test
  void onlyTheCompositionRootWiresEverything() {
    noClasses().that().resideOutsideOfPackage("io.confero.app..")
        .should().dependOnClassesThat().resideInAPackage("io.confero.app..")
        .check(classes);
  }

  @Test
  void eventBusContractHasNoIo() {
    noClasses().that().resideInAPackage("io.confero.codecs..")
        .should().dependOnClassesThat().resideInAnyPackage("io.confero.api..", "io.confero.sfu..",
            "io.confero.signaling..", "io.confero.store..", "java.net..", "java.nio.file..")
        .check(classes);
  }
}
