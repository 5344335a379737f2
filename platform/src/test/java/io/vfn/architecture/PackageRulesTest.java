package io.vfn.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's package map holds: launcher → gateway → scheduler → runtime → catalog/metrics → cluster/config, with
 * the root package keeping only the shared failure types. A cycle, or a lower layer reaching up, fails the build.
 */
class PackageRulesTest {

    private static JavaClasses platform;

    @BeforeAll
    static void importPlatform() {
        platform = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/vfn/sdk/"))
                .importPackages("io.vfn");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.vfn.(*)..").should().beFreeOfCycles().check(platform);
    }

    @Test
    void schedulerAndRuntime_neverImportTheGateway() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vfn.scheduler..", "io.vfn.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vfn.gateway..")
                .check(platform);
    }

    @Test
    void theRootPackage_keepsOnlyTheSharedFailureTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.vfn")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vfn.*..")
                .check(platform);
    }

    @Test
    void onlyTheLauncher_wiresTheNode() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.vfn.launcher..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vfn.launcher..")
                .check(platform);
    }
}
