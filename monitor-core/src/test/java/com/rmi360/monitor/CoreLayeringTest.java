package com.rmi360.monitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.rmi360.monitor.function.ProgressMonitor;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;

/**
 * House rule "pure core, AWS at the edge", on monitor-core's own compiled classes (not its tests,
 * not its dependencies): the model and the functions import no AWS SDK, only {@code s3} does, nothing
 * here knows the Lambda runtime, the model depends on no other monitor package, the functions not on
 * the S3 adapters, and there is no package cycle. ArchUnit's rules pass on an empty set, so
 * {@link #everyNamedPackageHasClasses} checks that each package the rules name exists.
 */
@AnalyzeClasses(locations = CoreLayeringTest.CoreClasses.class)
class CoreLayeringTest {

    static final String MODEL = "com.rmi360.monitor.model";
    static final String FUNCTION = "com.rmi360.monitor.function";
    static final String S3 = "com.rmi360.monitor.s3";

    /** Each package a rule names, with the fewest classes it must hold. */
    static final Map<String, Integer> PACKAGES = Map.of(MODEL, 20, FUNCTION, 3, S3, 2);

    /** monitor-core's main classes only: the folder (or jar) {@link ProgressMonitor} was loaded from. */
    static final class CoreClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(ProgressMonitor.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.rmi360.(**)").should().beFreeOfCycles()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule modelAndFunctionsImportNoAwsSdk = noClasses()
            .that().resideInAnyPackage(MODEL + "..", FUNCTION + "..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule onlyTheS3AdaptersImportTheAwsSdk = noClasses()
            .that().resideOutsideOfPackage(S3 + "..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule nothingInTheCoreKnowsTheLambdaRuntime = noClasses()
            .should().dependOnClassesThat().resideInAPackage("com.amazonaws..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule theModelDependsOnNoOtherMonitorPackage = noClasses()
            .that().resideInAPackage(MODEL + "..")
            .should().dependOnClassesThat().resideInAnyPackage(FUNCTION + "..", S3 + "..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule theFunctionsRunOnPortsNotOnTheS3Adapters = noClasses()
            .that().resideInAPackage(FUNCTION + "..")
            .should().dependOnClassesThat().resideInAPackage(S3 + "..")
            .allowEmptyShould(false);

    @ArchTest
    static void everyNamedPackageHasClasses(JavaClasses classes) {
        PACKAGES.forEach((pkg, fewest) -> assertThat(classes.stream().map(JavaClass::getPackageName).filter(pkg::equals).count())
                .as("classes in %s (a rule names it)", pkg).isGreaterThanOrEqualTo(fewest));
    }

    /**
     * The sources too: javac drops an unused import from the class file, so an {@code import
     * software.amazon…} left in the model or the functions is caught here, not by the rules above.
     */
    @ArchTest
    static void modelAndFunctionSourcesImportNoAwsSdk(JavaClasses classes) throws URISyntaxException {
        Path module = Path.of(ProgressMonitor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().getParent();
        for (String pkg : List.of(MODEL, FUNCTION)) {
            Path sources = module.resolve("src/main/java").resolve(pkg.replace('.', '/'));
            assertThat(sources).as("sources of %s", pkg).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                        .flatMap(CoreLayeringTest::awsImports).toList();
                assertThat(offenders).as("AWS imports in %s", pkg).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Stream<String> awsImports(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.matches("\\s*import\\s+(static\\s+)?(software\\.amazon|com\\.amazonaws)\\..*"))
                    .map(line -> file.getFileName() + ": " + line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
