package io.vfn.sdk.client;

/**
 * What a deploy did.
 *
 * @param created  whether the function is new ({@code 201}); {@code false} for an update ({@code 200})
 * @param changed  whether anything changed (the same jar and spec again change nothing)
 * @param function the function as deployed
 */
public record DeployResult(boolean created, boolean changed, FunctionInfo function) {}
