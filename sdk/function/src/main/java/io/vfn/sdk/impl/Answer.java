package io.vfn.sdk.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An instance's answer to one call as its caller receives it, off the event bus or handed back on the same node:
 * the function's headers with {@link Wire#STATUS} (and {@link Wire#REVISION} when the instance runs a revision), and
 * its body.
 *
 * @param headers the headers, the caller's to change
 * @param body    the body, {@code null} for none
 */
public record Answer(MultiMap headers, Buffer body) {}
