package com.rmi360.monitor.model;

/**
 * The legacy {@code camera_info} block ({@code config.yaml} {@code camera}: {@code sn} →
 * {@code serial_number}). Any field may be null; all text is untrusted.
 */
public record CameraInfo(String make, String model, String serialNumber, String firmware, String software) {

    /** All fields null. */
    public static final CameraInfo EMPTY = new CameraInfo(null, null, null, null, null);
}
