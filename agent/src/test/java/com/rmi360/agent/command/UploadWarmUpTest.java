package com.rmi360.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

class UploadWarmUpTest {

    @Test
    void warmsUpOnlyForAnUploadThatSends() {
        assertTrue(UploadWarmUp.sends(new String[] {"upload", "photos", "--bucket", "b"}));
        assertTrue(UploadWarmUp.sends(new String[] {"upload", "photos", "--local"}));
        assertFalse(UploadWarmUp.sends(new String[] {}));
        assertFalse(UploadWarmUp.sends(new String[] {"status", "--slug", "ABC"}));
        assertFalse(UploadWarmUp.sends(new String[] {"photos", "upload"}));
        assertFalse(UploadWarmUp.sends(new String[] {"upload", "photos", "--dry-run"}));
        assertFalse(UploadWarmUp.sends(new String[] {"upload", "--help"}));
        assertFalse(UploadWarmUp.sends(new String[] {"upload", "-h"}));
        assertFalse(UploadWarmUp.sends(new String[] {"upload", "-V"}));
    }

    @Test
    void startsNothingForOtherCommands() {
        assertFalse(UploadWarmUp.startFor(new String[] {"monitor", "tick"}, Map.of()));
        assertFalse(UploadWarmUp.startFor(new String[] {"upload", "x", "--dry-run"}, Map.of()));
    }

    /** A mixin whose fields alone carry an option. */
    static final class Inner {
        @Option(names = "--inner")
        int inner;
    }

    static final class Outer {
        @Mixin
        Inner inner;
    }

    @Test
    void readsTheAnnotationTypesOfTheUploadCommandAndItsMixins() {
        // every picocli annotation type on the way to upload's model, so the JDK makes their proxy classes here
        assertEquals(Set.of(Command.class, Spec.class, Mixin.class, Parameters.class, Option.class),
                UploadWarmUp.readAnnotations(UploadCommand.class));
        // the mixins are followed: Option is only on Inner's field
        assertEquals(Set.of(Mixin.class, Option.class), UploadWarmUp.readAnnotations(Outer.class));
    }
}
