package io.confero.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Surefire picks end-to-end tests by name (*E2ETest) and by the {@code e2e} tag: a class with only
 * one of the two would silently never run. This test (in the default execution) keeps them paired.
 */
class EndToEndConventionTest {
  private static final JavaClasses TESTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("io.confero");

  @Test
  void classesNamedE2ETestAreAnnotatedEndToEnd() {
    classes().that().haveSimpleNameEndingWith("E2ETest").should().beAnnotatedWith(EndToEnd.class)
        .allowEmptyShould(true).check(TESTS);
  }

  @Test
  void classesAnnotatedEndToEndAreNamedE2ETest() {
    classes().that().areAnnotatedWith(EndToEnd.class).should().haveSimpleNameEndingWith("E2ETest")
        .allowEmptyShould(true).check(TESTS);
  }
}
