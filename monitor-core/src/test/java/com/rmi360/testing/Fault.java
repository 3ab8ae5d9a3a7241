package com.rmi360.testing;

/** The faults {@link FaultProxy} injects. Each is counted separately in {@link FaultProxy.Stats}. */
public enum Fault {

    /**
     * The connection is reset (TCP RST) part-way through the request body, or right after the request
     * head for a request without a body. The request never reaches S3.
     */
    RESET,

    /**
     * {@code 500 InternalError} with an S3 XML error body. By default the request is not forwarded
     * (S3 never saw it); with {@link FaultPlan.Builder#forwardBeforeError(boolean)} it is forwarded
     * first and its real response discarded (S3 did the work, the client sees an error).
     */
    INTERNAL_ERROR,

    /** {@code 503 SlowDown} with an S3 XML error body; forwarded or not like {@link #INTERNAL_ERROR}. */
    SLOW_DOWN,

    /**
     * The request is forwarded, the response is relayed up to a random point of its body and the
     * connection closed (FIN). A response without a body is dropped whole: S3 acted, the client gets an
     * empty reply. (HttpURLConnection takes a head cut between header lines as complete and a cut status
     * line as status -1, which the SDK does not retry: no fair fault for the clients under test.)
     */
    TRUNCATE,

    /**
     * The request body is read, then nothing is answered for {@link FaultPlan#stall()} (choose it
     * longer than the client's timeouts), then the connection is closed. Forwarded first or not like
     * {@link #INTERNAL_ERROR}.
     */
    STALL
}
