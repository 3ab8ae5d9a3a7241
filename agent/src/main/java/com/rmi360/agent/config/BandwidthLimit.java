package com.rmi360.agent.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rmi360.agent.error.UserError;

/**
 * An upload bandwidth cap in bytes per second ({@code --bwlimit}, config {@code aws.max_bandwidth}),
 * parsed from the forms rclone and the AWS CLI use:
 * <ul>
 * <li>bytes per second, binary multiples (K = 1024): {@code 500K}, {@code 20M} (rclone), {@code 5MiB/s},
 * {@code 50MB/s} (AWS CLI: its MB/s is 1024 x 1024 bytes), {@code 1G}, {@code 800000} (plain bytes), {@code 1.5M};</li>
 * <li>bits per second, decimal multiples (as link speeds are sold): {@code 40Mbit}, {@code 40Mbps},
 * {@code 40Mb/s} = 40 x 10^6 bits = 5,000,000 bytes per second; also {@code k} and {@code G};</li>
 * <li>{@code 0} or {@code off}: no cap.</li>
 * </ul>
 * An upper-case {@code B} means bytes, a lower-case {@code b} bits; anything else is refused.
 *
 * @param bytesPerSecond the cap, 0 for none
 */
public record BandwidthLimit(long bytesPerSecond) {

    /** No cap. */
    public static final BandwidthLimit OFF = new BandwidthLimit(0);
    /** The smallest cap accepted (below it the chunks get too small to be useful). */
    public static final long MIN_BYTES_PER_SECOND = 1024;
    /** The largest cap accepted (1 TiB/s: "no cap" in practice; use 0 or off). */
    public static final long MAX_BYTES_PER_SECOND = 1L << 40;

    private static final String EXAMPLES = "use a rate like 20M, 5MiB/s or 40Mbit";
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kKmMgG])i?)?B?(?:/s)?");
    private static final Pattern BITS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgG])(?:bit|bps|b/s|bit/s)");

    public BandwidthLimit {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative bandwidth: " + bytesPerSecond);
        }
    }

    /**
     * @param value as the user wrote it; null or blank is "not given" ({@link #OFF})
     * @param where what to name in the error: {@code --bwlimit}, {@code config.yaml: aws.max_bandwidth}
     * @throws UserError (usage, exit 2) in one line naming {@code where} and the value
     */
    public static BandwidthLimit parse(String value, String where) {
        if (value == null || value.isBlank()) {
            return OFF;
        }
        String text = value.strip();
        if (text.equalsIgnoreCase("off")) {
            return OFF;
        }
        BigDecimal bytes;
        Matcher bits = BITS.matcher(text);
        Matcher plain = BYTES.matcher(text);
        if (bits.matches()) {
            bytes = new BigDecimal(bits.group(1)).multiply(BigDecimal.TEN.pow(3 * power(bits.group(2))))
                    .divide(BigDecimal.valueOf(8));
        } else if (plain.matches()) {
            bytes = new BigDecimal(plain.group(1)).multiply(BigDecimal.valueOf(1024).pow(power(plain.group(2))));
        } else {
            throw bad(where, text, EXAMPLES);
        }
        if (bytes.signum() == 0) {
            return OFF;
        }
        if (bytes.compareTo(BigDecimal.valueOf(MIN_BYTES_PER_SECOND)) < 0) {
            throw bad(where, text, "the smallest cap is 1K (1024 bytes/s); 0 or off for none");
        }
        if (bytes.compareTo(BigDecimal.valueOf(MAX_BYTES_PER_SECOND)) > 0) {
            throw bad(where, text, "the largest cap is 1024G; 0 or off for none");
        }
        return new BandwidthLimit(bytes.longValue());
    }

    /** True when there is a cap. */
    public boolean capped() {
        return bytesPerSecond > 0;
    }

    /** {@code 2.0 MiB/s (16.8 Mbit/s)}, or {@code off}. */
    public String describe() {
        if (!capped()) {
            return "off";
        }
        double b = bytesPerSecond;
        String bytes = b >= 1 << 30 ? String.format(Locale.ROOT, "%.1f GiB/s", b / (1 << 30))
                : b >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB/s", b / (1 << 20))
                : String.format(Locale.ROOT, "%.1f KiB/s", b / 1024);
        return String.format(Locale.ROOT, "%s (%.1f Mbit/s)", bytes, b * 8 / 1e6);
    }

    private static int power(String prefix) {
        if (prefix == null) {
            return 0;
        }
        return switch (Character.toLowerCase(prefix.charAt(0))) {
            case 'k' -> 1;
            case 'm' -> 2;
            default -> 3; // g
        };
    }

    private static UserError bad(String where, String text, String hint) {
        return UserError.usage(where + " '" + text + "': " + hint);
    }
}
