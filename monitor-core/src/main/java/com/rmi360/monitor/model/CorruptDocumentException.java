package com.rmi360.monitor.model;

/**
 * A status JSON file that cannot be read as what it should be (not JSON, not an object, wrong
 * types). The monitor keeps such a progress file aside ({@link StatusKeys#corruptCopy}) and starts
 * a fresh one.
 */
public class CorruptDocumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
