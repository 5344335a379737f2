package io.vfn.scheduler;

/**
 * What a call is without its bodies: enough to decide on a subscription or a credential.
 *
 * @param function the call's function
 * @param status   where it is in its life
 */
public record CallBrief(String function, CallStatus status) {}
