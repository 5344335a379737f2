package io.vfn.sdk.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.impl.VfnClientImpl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of a vfn gateway: invoke functions (sync or async, with the result pushed over a WebSocket), follow
 * async calls, and manage functions, their revisions, routing, keys and secrets (the admin operations need
 * {@link VfnClientOptions#token}; functions deployed with {@code auth: key} need {@link VfnClientOptions#key}).
 *
 * <p>Every operation answers a {@link Future}; outside Vert.x, {@code future.await()} waits for it. A platform
 * error fails the future with a {@link VfnClientException}; a function's own 4xx/5xx is an ordinary
 * {@link InvokeResponse}.
 *
 * <pre>{@code
 * try (VfnClient client = VfnClient.create(new VfnClientOptions())) {
 *     String greeting = client.invoke("echo", Buffer.buffer("hi")).await().bodyAsString();
 * }
 * }</pre>
 */
public interface VfnClient extends AutoCloseable {

    /**
     * A client with a Vert.x instance of its own, closed with the client.
     *
     * @param options where the gateway is
     * @return the client
     */
    static VfnClient create(VfnClientOptions options) {
        return VfnClientImpl.create(Vertx.vertx(), true, options);
    }

    /**
     * A client on the caller's Vert.x instance, which the client does not close.
     *
     * @param vertx   the Vert.x instance to use
     * @param options where the gateway is
     * @return the client
     */
    static VfnClient create(Vertx vertx, VfnClientOptions options) {
        return VfnClientImpl.create(vertx, false, options);
    }

    /**
     * Invokes a function and waits for its answer ({@code /function/{name}}).
     *
     * @param invocation the function and what it sees
     * @return the function's answer
     */
    Future<InvokeResponse> invoke(Invocation invocation);

    /**
     * Posts a body to a function and waits for its answer.
     *
     * @param function the function's name
     * @param body     the body
     * @return the function's answer
     */
    default Future<InvokeResponse> invoke(String function, Buffer body) {
        return invoke(Invocation.of(function).body(body));
    }

    /**
     * Hands a call over to vfn ({@code /async-function/{name}}): it is queued durably and run later.
     *
     * @param invocation the function and what it sees; its {@link Invocation#callbackUrl} gets the result posted
     * @return the accepted call: its id, and its result once pushed (or polled when no WebSocket can be opened)
     */
    Future<AsyncCall> invokeAsync(Invocation invocation);

    /**
     * Waits for an async call's end: pushed over {@code /ws}, polled when no WebSocket can be opened.
     *
     * @param callId the call's id
     * @return the function's answer; fails when the call failed, expired or was cancelled
     */
    Future<InvokeResponse> subscribe(String callId);

    /**
     * @param callId the call's id
     * @return the call's record ({@code GET /calls/{id}})
     */
    Future<CallInfo> call(String callId);

    /**
     * @param callId the call's id
     * @return the function's answer byte for byte once the call succeeded; empty while it is queued or running
     */
    Future<Optional<InvokeResponse>> callResult(String callId);

    /**
     * Cancels a queued call ({@code 409}, a {@link VfnClientException}, once it runs or ended).
     *
     * @param callId the call's id
     * @return the cancelled call's record
     */
    Future<CallInfo> cancel(String callId);

    /**
     * Lists calls, newest first (admin).
     *
     * @param filter which calls
     * @return their records
     */
    Future<List<CallInfo>> calls(CallFilter filter);

    /**
     * Runs a failed or expired call again (admin).
     *
     * @param callId the call's id
     * @return the call's record, queued again
     */
    Future<CallInfo> retry(String callId);

    /**
     * Deploys or updates a function from a jar file, streamed from disk (admin).
     *
     * @param name the function's name
     * @param jar  the jar
     * @param spec the spec fields to set
     * @return what the deploy did; fails with an {@link java.io.UncheckedIOException} when the file cannot be read
     */
    Future<DeployResult> deploy(String name, Path jar, FunctionSpec spec);

    /**
     * Deploys or updates a function from a jar's bytes (admin).
     *
     * @param name the function's name
     * @param jar  the jar's bytes
     * @param spec the spec fields to set
     * @return what the deploy did
     */
    Future<DeployResult> deploy(String name, Buffer jar, FunctionSpec spec);

    /**
     * Changes a function's spec without a new jar (admin, {@code PATCH}).
     *
     * @param name the function's name
     * @param spec the fields to change
     * @return the function as changed
     */
    Future<FunctionInfo> update(String name, FunctionSpec spec);

    /** @return the deployed functions (admin) */
    Future<List<FunctionInfo>> list();

    /**
     * @param name the function's name
     * @return the function (admin); fails with status 404 when there is none
     */
    Future<FunctionInfo> describe(String name);

    /**
     * Undeploys a function on every node once its in-flight calls finished (admin).
     *
     * @param name the function's name
     * @return completes once this node drained it
     */
    Future<Void> delete(String name);

    /**
     * @param name the function's name
     * @return its kept revisions, newest first (admin)
     */
    Future<List<RevisionInfo>> revisions(String name);

    /**
     * Puts the newest revision older than the one in force back in force (admin), zero-downtime like an update.
     *
     * @param name the function's name
     * @return the function as rolled back; fails with status 409 when no older revision is kept
     */
    Future<FunctionInfo> rollback(String name);

    /**
     * Puts a kept revision back in force (admin), zero-downtime like an update.
     *
     * @param name     the function's name
     * @param revision the revision's number
     * @return the function as rolled back; fails with status 404 when that revision is not kept
     */
    Future<FunctionInfo> rollback(String name, int revision);

    /**
     * Points an alias at a kept revision (admin): {@code /function/{name}@{alias}} then runs it.
     *
     * @param name     the function's name
     * @param alias    the alias, e.g. {@code canary}
     * @param revision the revision's number
     * @return the function's routing
     */
    Future<Routing> alias(String name, String alias, int revision);

    /**
     * Removes an alias (admin).
     *
     * @param name  the function's name
     * @param alias the alias
     * @return completes once removed
     */
    Future<Void> removeAlias(String name, String alias);

    /**
     * Splits the function's default route across kept revisions (admin).
     *
     * @param name     the function's name
     * @param percents revision → whole percent, summing to 100; empty gives it all back to the revision in force
     * @return the function's routing
     */
    Future<Routing> traffic(String name, Map<Integer, Integer> percents);

    /**
     * Sets a secret's value: creates it or rotates it (admin). Running functions that name it see the new value.
     *
     * @param name  the secret's name
     * @param value its value (UTF-8 text)
     * @return {@code true} when the secret is new, {@code false} when its value was rotated
     */
    Future<Boolean> putSecret(String name, String value);

    /** @return the secrets' names, change times and users, never a value (admin) */
    Future<List<SecretInfo>> secrets();

    /**
     * Deletes a secret (admin); fails with status 409 while a function's spec names it.
     *
     * @param name the secret's name
     * @return completes once deleted
     */
    Future<Void> deleteSecret(String name);

    /**
     * Makes an invoke key for a function (admin); callers of an {@code auth: key} function need one
     * ({@link VfnClientOptions#key}).
     *
     * @param function the function's name
     * @return the key, with {@link KeyInfo#key()} present this once
     */
    Future<KeyInfo> createKey(String function);

    /**
     * @param function the function's name
     * @return its keys (ids, prefixes, creation times; never a key), oldest first (admin)
     */
    Future<List<KeyInfo>> keys(String function);

    /**
     * Revokes an invoke key on every node (admin).
     *
     * @param function the function's name
     * @param id       the key's id
     * @return completes once revoked
     */
    Future<Void> revokeKey(String function, String id);

    /**
     * An async call's own log lines, from every node that ran it: its newest 100 lines / 16 KiB, oldest first.
     *
     * @param callId the call
     * @return the lines, as {@link #logs} gives them
     */
    Future<List<JsonObject>> callLogs(String callId);

    /**
     * A function's recent log lines from every node, oldest first (admin): objects with {@code time}, {@code node},
     * {@code function}, {@code callId}, {@code level}, {@code message}.
     *
     * @param name  the function's name
     * @param since how far back
     * @return the lines
     */
    Future<List<JsonObject>> logs(String name, Duration since);

    /**
     * Follows a function's log lines (admin): first those of {@code since} back, then each one logged later, until
     * the connection ends.
     *
     * @param name  the function's name
     * @param since how far back to start
     * @param line  gets each line, as {@link #logs} gives them
     * @return completes when the gateway ends the stream; fails when it cannot be opened
     */
    Future<Void> followLogs(String name, Duration since, Handler<JsonObject> line);

    /** @return the cluster's members with their functions and load (admin) */
    Future<List<JsonObject>> nodes();

    /** @return the version, node id, cluster size and function count (admin) */
    Future<JsonObject> info();

    /**
     * Closes the client's connections, and its Vert.x instance when it made its own.
     *
     * @return completes once closed
     */
    Future<Void> shutdown();

    /** Closes the client and waits for it (see {@link #shutdown()}). */
    @Override
    default void close() {
        shutdown().await();
    }
}
