package com.rmi360.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The agent's layers as rules that fail: one way down, no package cycles, picocli and the
 * {@code cli} plumbing only at the top, no AWS SDK in config and keyring code. Layers, bottom up
 * (a package may import its own layer's packages and those below, never one above):
 * <pre>
 *   error, thread, trace | config, credentials, journal | aws | monitor
 *   | upload.scan | upload.options | upload.flight | upload.transport | upload.remote, upload.report | upload
 *   | local | cli | command | (root)
 * </pre>
 * Every package is named, so "above" lists packages exactly: {@code upload} is above its sub-packages.
 * A package named here that has no classes fails too, so a rename cannot make a rule pass on
 * nothing.
 */
class LayeringTest {

    private static final String ROOT = "com.rmi360.agent";

    /** Bottom up; packages in one row are one layer. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("error", "thread", "trace"),
            List.of("config", "credentials", "journal"),
            List.of("aws"),
            List.of("monitor"),
            List.of("upload.scan"),
            List.of("upload.options"),
            List.of("upload.flight"),
            List.of("upload.transport"),
            List.of("upload.remote", "upload.report"),
            List.of("upload"),
            List.of("local"),
            List.of("cli"),
            List.of("command"),
            List.of(""));

    private static JavaClasses agent;

    @BeforeAll
    static void importClasses() {
        agent = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static String pkg(String name) {
        return name.isEmpty() ? ROOT : ROOT + "." + name;
    }

    private static String[] packagesAbove(int layer) {
        return LAYERS.subList(layer + 1, LAYERS.size()).stream().flatMap(List::stream)
                .map(LayeringTest::pkg).toArray(String[]::new);
    }

    @Test
    void everyNamedLayerHasClasses() {
        for (String name : LAYERS.stream().flatMap(List::stream).toList()) {
            assertThat(agent.stream().filter(c -> c.getPackageName().equals(pkg(name))))
                    .as("package %s (named in LAYERS) has classes", pkg(name)).isNotEmpty();
        }
        assertThat(agent.stream().map(c -> c.getPackageName()).distinct()
                .filter(p -> LAYERS.stream().flatMap(List::stream).map(LayeringTest::pkg).noneMatch(p::equals)))
                .as("every agent package has a layer in LAYERS").isEmpty();
    }

    @Test
    void noPackageImportsALayerAboveIt() {
        for (int layer = 0; layer < LAYERS.size() - 1; layer++) {
            String[] own = LAYERS.get(layer).stream().map(LayeringTest::pkg).toArray(String[]::new);
            String[] above = packagesAbove(layer);
            classes().that().resideInAnyPackage(own)
                    .should().onlyDependOnClassesThat().resideOutsideOfPackages(above)
                    .because("layer " + Arrays.toString(own) + " is below " + Arrays.toString(above))
                    .check(agent);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("com.rmi360.(**)").should().beFreeOfCycles().check(agent);
    }

    @Test
    void onlyTheRootCommandAndCliPackagesKnowPicocliOrCli() {
        noClasses().that().resideOutsideOfPackages(ROOT, pkg("command"), pkg("cli"))
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", pkg("cli"))
                .check(agent);
    }

    @Test
    void configAndKeyringCodeDoNotImportTheAwsSdk() {
        noClasses().that().resideInAnyPackage(pkg("config"), pkg("credentials"))
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .check(agent);
    }
}
