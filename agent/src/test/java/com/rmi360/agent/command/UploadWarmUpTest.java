package com.rmi360.agent.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
