package com.rmi360.agent.upload.transport;

import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.transfer.s3.model.ObjectTransfer;

/**
 * One attempt at a file under way, through the Transfer Manager or {@link NativePuts}: the transfer
 * (to cancel) and the PutObject response to come.
 */
public record Attempt(ObjectTransfer transfer, CompletableFuture<PutObjectResponse> response) {
}
