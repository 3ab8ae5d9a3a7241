package com.rmi360.agent.credentials;

/**
 * An access key pair (and, for STS session credentials, a token). {@link #toString()} masks the key
 * id and never shows the secret, so a stray log line cannot leak it.
 */
public record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {

    public AwsKeys {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("access key id is empty");
        }
        if (secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("secret access key is empty");
        }
    }

    public AwsKeys(String accessKeyId, String secretAccessKey) {
        this(accessKeyId, secretAccessKey, null);
    }

    /** The key id with all but its first 4 and last 4 characters hidden: {@code AKIA************WXYZ}. */
    public String maskedAccessKeyId() {
        return mask(accessKeyId);
    }

    /** Masks any key id the same way (short ids are hidden entirely). */
    public static String mask(String id) {
        if (id.length() <= 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    @Override
    public String toString() {
        return "AwsKeys[accessKeyId=" + maskedAccessKeyId() + ", secretAccessKey=***"
                + (sessionToken == null ? "" : ", sessionToken=***") + "]";
    }
}
