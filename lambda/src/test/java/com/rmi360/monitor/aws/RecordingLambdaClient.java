package com.rmi360.monitor.aws;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ServiceException;

/**
 * The one fake: moto cannot run Lambdas without Docker, so the monitor's asynchronous invoke of
 * DisableUploadMonitorRule is recorded here (every request, as the SDK would send it) and answered
 * 202, or failed on demand.
 */
public final class RecordingLambdaClient implements LambdaClient {

    private final List<InvokeRequest> invokes = new ArrayList<>();
    private int failuresLeft;

    /** The next {@code n} invokes throw a 503 ServiceException. */
    public synchronized void failNext(int n) {
        failuresLeft = n;
    }

    public synchronized List<InvokeRequest> invokes() {
        return List.copyOf(invokes);
    }

    @Override
    public synchronized InvokeResponse invoke(InvokeRequest request) {
        invokes.add(request);
        if (failuresLeft > 0) {
            failuresLeft--;
            throw ServiceException.builder().statusCode(503).message("Rate exceeded (recorded fake)").build();
        }
        return InvokeResponse.builder().statusCode(202).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
