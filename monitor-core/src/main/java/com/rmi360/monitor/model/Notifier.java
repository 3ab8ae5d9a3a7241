package com.rmi360.monitor.model;

/**
 * Port: tells people that a project finished. In AWS an SNS topic
 * ({@code com.rmi360.monitor.aws.SnsNotifier}); {@link #NONE} when no topic is configured (and in
 * local mode).
 */
@FunctionalInterface
public interface Notifier {

    /** Publishes nothing: notifications are off. */
    Notifier NONE = notice -> { };

    /**
     * Publishes the notice once (the implementation may retry transient errors itself).
     *
     * @throws RuntimeException if it could not be published
     */
    void publish(FinishNotice notice);

    /** True unless this is {@link #NONE}. */
    default boolean enabled() {
        return this != NONE;
    }
}
