package io.vfn.sdk.client;

import io.vertx.core.Future;

/**
 * An accepted async call: its id at once, its result later.
 *
 * @param callId the call's id (for {@link VfnClient#call}, {@link VfnClient#cancel}, …)
 * @param result completes with the function's answer when the call ends; fails with {@link VfnClientException}
 *               when it failed, expired or was cancelled
 */
public record AsyncCall(String callId, Future<InvokeResponse> result) {}
