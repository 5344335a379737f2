/**
 * Unit tests of vfn functions without a node: {@link io.vfn.sdk.testing.TestFunctionContext} (env, secrets, a logger
 * that records, stubbed {@code invoke}) to call a function's {@code handle} directly, and
 * {@link io.vfn.sdk.testing.FunctionHarness} to run a function on a plain Vert.x with its spec's limits (timeout,
 * concurrency, instances) the way a node runs it.
 */
package io.vfn.sdk.testing;
