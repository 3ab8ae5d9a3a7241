package com.rmi360.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What {@link FaultProxy} injects: a probability per {@link Fault} (drawn once per eligible request
 * from the proxy's seeded Random; at most one fault per request, so the rates must add up to ≤ 1),
 * which requests are eligible, the stall length, whether errors are answered before or after
 * forwarding, and an optional cap on the number of faults. Immutable; swap it at run time with
 * {@link FaultProxy#plan(FaultPlan)}.
 *
 * <pre>{@code
 * FaultPlan.builder()
 *     .rate(Fault.RESET, 0.05).rate(Fault.SLOW_DOWN, 0.05).rate(Fault.INTERNAL_ERROR, 0.02)
 *     .only(S3Request.operation(S3Operation.LIST_OBJECTS_V2))   // optional filter
 *     .build();
 * }</pre>
 */
public final class FaultPlan {

    private final Map<Fault, Double> rates;
    private final Predicate<S3Request> only;
    private final String onlyDescription;
    private final Duration stall;
    private final boolean forwardBeforeError;
    private final long maxFaults;
    private final Duration latency;

    private FaultPlan(Builder b) {
        this.latency = b.latency;
        this.rates = Collections.unmodifiableMap(new EnumMap<>(b.rates));
        this.only = b.only;
        this.onlyDescription = b.onlyDescription;
        this.stall = b.stall;
        this.forwardBeforeError = b.forwardBeforeError;
        this.maxFaults = b.maxFaults;
    }

    /** No faults: a transparent proxy. */
    public static FaultPlan none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The standard mix: 5 % resets mid-body, 5 % 503 SlowDown, 2 % 500 InternalError. */
    public static Builder standardMix() {
        return builder().rate(Fault.RESET, 0.05).rate(Fault.SLOW_DOWN, 0.05).rate(Fault.INTERNAL_ERROR, 0.02);
    }

    public double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }

    public Map<Fault, Double> rates() {
        return rates;
    }

    public boolean eligible(S3Request request) {
        return only.test(request);
    }

    public Duration stall() {
        return stall;
    }

    public boolean forwardBeforeError() {
        return forwardBeforeError;
    }

    /** Cap on faults injected while this plan is installed; {@code Long.MAX_VALUE} = no cap. */
    public long maxFaults() {
        return maxFaults;
    }

    /** Delay added before every request (eligible or not) is handled: a slow link, to stretch a run. */
    public Duration latency() {
        return latency;
    }

    /** Picks the fault for a uniform draw in [0, 1): the rates are laid end to end in enum order. */
    Fault pick(double draw) {
        double edge = 0;
        for (Fault f : Fault.values()) {
            edge += rate(f);
            if (draw < edge) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FaultPlan" + rates + (onlyDescription.isEmpty() ? "" : " only " + onlyDescription)
                + " stall=" + stall.toMillis() + "ms" + (forwardBeforeError ? " forward-before-error" : "")
                + (maxFaults == Long.MAX_VALUE ? "" : " max=" + maxFaults)
                + (latency.isZero() ? "" : " latency=" + latency.toMillis() + "ms");
    }

    public static final class Builder {
        private final Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        private Predicate<S3Request> only = r -> true;
        private String onlyDescription = "";
        private Duration stall = Duration.ofSeconds(5);
        private boolean forwardBeforeError;
        private long maxFaults = Long.MAX_VALUE;
        private Duration latency = Duration.ZERO;

        private Builder() {
        }

        /** Probability in [0, 1] that an eligible request gets this fault. */
        public Builder rate(Fault fault, double probability) {
            if (probability < 0 || probability > 1) {
                throw new IllegalArgumentException("rate must be in [0, 1]: " + probability);
            }
            rates.put(fault, probability);
            return this;
        }

        /** Only requests matching the filter are eligible (see the factories on {@link S3Request}). */
        public Builder only(Predicate<S3Request> filter) {
            return only(filter, "filtered");
        }

        /** As {@link #only(Predicate)}, with a description for {@link #toString()}. */
        public Builder only(Predicate<S3Request> filter, String description) {
            this.only = filter;
            this.onlyDescription = description;
            return this;
        }

        /** How long a {@link Fault#STALL} holds the request before closing; make it exceed the client's timeouts. */
        public Builder stall(Duration duration) {
            this.stall = duration;
            return this;
        }

        /**
         * {@code true}: 500, 503 and stalls forward the request first (S3 acts on it, the client sees a
         * failure: exercises idempotent retries). {@code false} (default): the request never reaches S3.
         */
        public Builder forwardBeforeError(boolean forward) {
            this.forwardBeforeError = forward;
            return this;
        }

        /** At most this many faults while the plan is installed, then the proxy is transparent. */
        public Builder maxFaults(long max) {
            this.maxFaults = max;
            return this;
        }

        /** Adds this delay before handling every request (all requests, not only eligible ones). */
        public Builder latency(Duration delay) {
            this.latency = delay;
            return this;
        }

        public FaultPlan build() {
            double sum = rates.values().stream().mapToDouble(Double::doubleValue).sum();
            if (sum > 1.0 + 1e-9) {
                throw new IllegalArgumentException("fault rates add up to " + sum + " > 1");
            }
            return new FaultPlan(this);
        }
    }
}
