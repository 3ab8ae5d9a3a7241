package com.rmi360.monitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The Lambda packaging, on lambda's own compiled classes (not monitor-core's, not its tests): no
 * package cycle; the two handlers are the only classes that know the Lambda runtime
 * ({@code com.amazonaws.services.lambda.runtime}); no class here lands in one of monitor-core's
 * packages (a split package would bypass the core's own rules). ArchUnit's rules pass on an empty
 * set, so {@link #everyNamedPackageHasClasses} checks that each package the rules name exists.
 */
@AnalyzeClasses(locations = LambdaLayeringTest.LambdaClasses.class)
class LambdaLayeringTest {

    static final String HANDLERS = "com.rmi360.monitor";
    static final String AWS = "com.rmi360.monitor.aws";

    /** Each package a rule names, with the fewest classes it must hold. */
    static final Map<String, Integer> PACKAGES = Map.of(HANDLERS, 2, AWS, 3);

    /** lambda's main classes only: the folder (or jar) the handlers were loaded from. */
    static final class LambdaClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(ProgressMonitorHandler.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.rmi360.(**)").should().beFreeOfCycles()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule onlyTheHandlersKnowTheLambdaRuntime = noClasses()
            .that().resideOutsideOfPackage(HANDLERS).or().haveSimpleNameNotEndingWith("Handler")
            .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda.runtime..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule noClassInTheCorePackages = noClasses()
            .should().resideInAnyPackage("com.rmi360.monitor.model..", "com.rmi360.monitor.function..",
                    "com.rmi360.monitor.s3..")
            .allowEmptyShould(false);

    @ArchTest
    static void everyNamedPackageHasClasses(JavaClasses classes) {
        PACKAGES.forEach((pkg, fewest) -> assertThat(classes.stream().map(JavaClass::getPackageName).filter(pkg::equals).count())
                .as("classes in %s (a rule names it)", pkg).isGreaterThanOrEqualTo(fewest));
        assertThat(classes.stream().filter(c -> c.getPackageName().equals(HANDLERS)).map(JavaClass::getSimpleName))
                .as("the handlers (Terraform's handler strings)").contains("ProgressMonitorHandler", "DisableRuleHandler");
    }
}
