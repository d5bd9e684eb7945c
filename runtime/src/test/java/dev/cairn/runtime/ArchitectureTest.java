package dev.cairn.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package rules that keep the module boundaries of the architecture true. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.cairn");

  @Test
  void engineShouldStayFreeOfHttpCdiAndQuarkus() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.runtime.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.ws.rs..",
            "jakarta.enterprise..",
            "jakarta.inject..",
            "io.quarkus..",
            "io.vertx..",
            "dev.cairn.runtime.api..",
            "dev.cairn.runtime.scheduler..",
            "dev.langchain4j..")
        .check(CLASSES);
  }

  @Test
  void deciderAndApplierShouldDoNoIo() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Decider")
        .or()
        .haveSimpleNameEndingWith("Applier")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cairn.persistence..", "java.sql..", "java.net..", "java.io..")
        .check(CLASSES);
  }

  @Test
  void persistenceShouldNotKnowTheEngineOrTools() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cairn.runtime..", "dev.cairn.tools..")
        .check(CLASSES);
  }

  @Test
  void toolsShouldNotKnowPersistence() {
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.tools..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cairn.persistence..", "dev.cairn.runtime..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void restResourcesShouldNotReturnEntities() {
    noMethods()
        .that()
        .areDeclaredInClassesThat()
        .haveSimpleNameEndingWith("Resource")
        .should()
        .haveRawReturnType(JavaClass.Predicates.resideInAPackage("dev.cairn.persistence.."))
        .check(CLASSES);
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Resource")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cairn.persistence.store..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.runtime.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cairn.runtime.scheduler..")
        .check(CLASSES);
  }

  @Test
  void consoleShouldReachDataOnlyThroughTheServices() {
    // The console is an audience API like api.*: the same services, never the database.
    noClasses()
        .that()
        .resideInAPackage("dev.cairn.runtime.console..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.cairn.persistence..",
            "dev.cairn.runtime.scheduler..",
            "java.sql..",
            "javax.sql..",
            "jakarta.persistence..",
            "io.quarkus.hibernate..",
            "io.agroal..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cairn.runtime.console..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cairn.runtime.console..")
        .check(CLASSES);
  }

  @Test
  void packagesShouldBeFreeOfCycles() {
    // One slice per package, persistence and tools included.
    slices().matching("dev.cairn.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
