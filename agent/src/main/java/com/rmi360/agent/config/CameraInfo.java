package com.rmi360.agent.config;

/**
 * config.yaml's {@code camera:} section, named as in the progress JSON's {@code camera_info}
 * ({@code sn} → serialNumber). Missing keys are {@code null}.
 */
public record CameraInfo(String make, String model, String serialNumber, String firmware, String software) {
}
