package io.vfn.sdk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.impl.BasicFunctionContext;
import io.vfn.sdk.impl.CallTag;
import io.vfn.sdk.impl.DeploymentSecrets;
import io.vfn.sdk.impl.NodeInflight;
import io.vfn.sdk.impl.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A function written as a plain verticle: it consumes its own address ({@code vfn.fn.<name>}, and the node-local
 * {@code vfn.fn.<name>.local}) and answers each call from {@link #handle}. Use it when a function wants the verticle life cycle itself (its own timers,
 * state kept between calls, several consumers); otherwise prefer {@link AsyncFunction}.
 *
 * <pre>{@code
 * public final class Counter extends FunctionVerticle {
 *     private long count;
 *     protected Future<FunctionResponse> handle(FunctionRequest request) {
 *         return Future.succeededFuture(FunctionResponse.text(Long.toString(++count)));
 *     }
 * }
 * }</pre>
 * The platform deploys it {@code instances} times with the config keys below, and this class enforces the
 * function's timeout ({@code 504}) and in-flight limit per node ({@code 429}); on undeploy it stops taking
 * calls and waits for the ones it runs.
 */
public abstract class FunctionVerticle extends VerticleBase {

    /** Config key: the function's name. */
    public static final String CONFIG_NAME = "name";
    /** Config key: the spec's env, a JSON object of strings. */
    public static final String CONFIG_ENV = "env";
    /** Config key: most calls in flight on this node. */
    public static final String CONFIG_CONCURRENCY = "concurrency";
    /** Config key: timeout of one call in milliseconds. */
    public static final String CONFIG_TIMEOUT_MS = "timeoutMs";
    /** Config key: an id shared by the instances of one deployment on a node (they share one in-flight limit). */
    public static final String CONFIG_DEPLOYMENT_ID = "deploymentId";
    /** Config key: the addresses to consume, a JSON array; the function's own address when absent. */
    public static final String CONFIG_ADDRESSES = "addresses";
    /** Config key: the revision this deployment runs, told to callers with every answer; absent for none. */
    public static final String CONFIG_REVISION = "revision";

    private static final long DRAIN_POLL_MS = 10;
    private static final long REPLY_WRITE_GRACE_MS = 250;
    private static final long DEADLINE_CHECK_MS = 20;

    private FunctionContext functionContext;
    private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
    private MessageConsumer<Buffer> localConsumer;
    private String revision;
    private NodeInflight nodeInflight;
    private int concurrency;
    private long timeoutMs;
    private int inflight;
    private final ArrayDeque<PendingCall> pending = new ArrayDeque<>();
    private long deadlineWatch = -1;

    /**
     * Handles one call on this verticle's event loop.
     *
     * @param request the call
     * @return the response; a failed future becomes a {@code 502}
     */
    protected abstract Future<FunctionResponse> handle(FunctionRequest request);

    /** @return this function's context (name, env, logger, invoke), set before {@link #handle} first runs */
    protected FunctionContext functionContext() {
        return functionContext;
    }

    /**
     * Called once before the consumer is registered; the default does nothing.
     *
     * @return the future of the set-up
     */
    protected Future<?> setUp() {
        return Future.succeededFuture();
    }

    /**
     * Called once after the last call; the default does nothing.
     *
     * @return the future of the tear-down
     */
    protected Future<?> tearDown() {
        return Future.succeededFuture();
    }

    @Override
    public final Future<?> start() {
        JsonObject config = config();
        String name = config.getString(CONFIG_NAME);
        if (name == null) {
            return Future.failedFuture(new IllegalArgumentException("config '" + CONFIG_NAME + "' is missing"));
        }
        concurrency = config.getInteger(CONFIG_CONCURRENCY, Integer.MAX_VALUE);
        timeoutMs = config.getLong(CONFIG_TIMEOUT_MS, 30_000L);
        String deploymentId = config.getString(CONFIG_DEPLOYMENT_ID, name);
        nodeInflight = NodeInflight.of(vertx, deploymentId);
        functionContext = new BasicFunctionContext(
                vertx,
                name,
                config.getJsonObject(CONFIG_ENV, new JsonObject()),
                DeploymentSecrets.of(vertx, deploymentId));
        revision = config.containsKey(CONFIG_REVISION) ? String.valueOf(config.getValue(CONFIG_REVISION)) : null;
        JsonArray addresses = config.getJsonArray(CONFIG_ADDRESSES, new JsonArray().add(Addresses.function(name)));
        return setUp().compose(v -> {
            List<Future<Void>> registered = new ArrayList<>();
            if (addresses.contains(Addresses.function(name))) {
                // The node-local address first: a node's own calls find its instances as soon as the cluster's do.
                localConsumer = vertx.eventBus().localConsumer(Addresses.local(name), this::onCall);
                registered.add(localConsumer.completion());
            }
            for (Object address : addresses) {
                MessageConsumer<Buffer> consumer = vertx.eventBus().consumer((String) address, this::onCall);
                consumers.add(consumer);
                registered.add(consumer.completion());
            }
            return Future.all(registered);
        });
    }

    @Override
    public final Future<?> stop() {
        List<Future<Void>> unregistering = new ArrayList<>(
                consumers.stream().map(FunctionVerticle::unregister).toList());
        unregistering.add(unregister(localConsumer));
        Future<Void> unregistered = Future.all(unregistering).mapEmpty();
        return unregistered
                .compose(v -> queuedCallsSeen())
                .compose(v -> drained())
                .compose(v -> repliesWritten())
                .compose(v -> tearDown());
    }

    private static Future<Void> unregister(MessageConsumer<Buffer> consumer) {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    private void onCall(Message<Buffer> message) {
        if (nodeInflight.incrementUpTo(concurrency) < 0) {
            message.fail(429, Wire.LIMIT_REACHED + " of " + concurrency + " on this node is reached");
            return;
        }
        inflight++;
        FunctionRequest request;
        try {
            request = Wire.decodeRequest(message);
        } catch (RuntimeException e) {
            inflight--;
            nodeInflight.decrement();
            message.fail(400, "malformed call: " + e.getMessage());
            return;
        }
        CallTag tag = CallTag.of(vertx, functionContext.name(), request);
        Future<FunctionResponse> handled = tag.call(() -> safely(request));
        if (handled.isComplete()) {
            // The common case for quick functions: no timeout to watch.
            answer(message, request, handled);
            return;
        }
        long deadline = Math.min(request.deadline().toEpochMilli(), System.currentTimeMillis() + timeoutMs);
        PendingCall call = new PendingCall(message, request, deadline);
        pending.add(call);
        watchDeadlines();
        handled.onComplete(result -> {
            if (!call.answered) {
                call.answered = true;
                answer(message, request, handled);
            }
        });
    }

    private Future<FunctionResponse> safely(FunctionRequest request) {
        try {
            Future<FunctionResponse> handled = handle(request);
            return handled == null ? Future.succeededFuture() : handled;
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // Whatever the function throws, the call is answered and its in-flight slot given back.
            return Future.failedFuture(e);
        }
    }

    /** A call whose answer is still to come, watched for its deadline. */
    private static final class PendingCall {
        final Message<Buffer> message;
        final FunctionRequest request;
        final long deadline;
        boolean answered;

        PendingCall(Message<Buffer> message, FunctionRequest request, long deadline) {
            this.message = message;
            this.request = request;
            this.deadline = deadline;
        }
    }

    /**
     * One periodic check per instance while calls are pending, rather than a timer per call: a timer set and
     * cancelled per call costs two hand-offs to the event loop that owns it.
     */
    private void watchDeadlines() {
        if (deadlineWatch >= 0) {
            return;
        }
        deadlineWatch = vertx.setPeriodic(DEADLINE_CHECK_MS, id -> {
            long now = System.currentTimeMillis();
            for (Iterator<PendingCall> it = pending.iterator(); it.hasNext(); ) {
                PendingCall call = it.next();
                if (!call.answered && now >= call.deadline) {
                    call.answered = true;
                    answer(
                            call.message,
                            call.request,
                            Future.failedFuture(new ReplyException(
                                    ReplyFailure.RECIPIENT_FAILURE,
                                    504,
                                    "the function did not answer within " + timeoutMs + " ms")));
                }
                if (call.answered) {
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                vertx.cancelTimer(id);
                deadlineWatch = -1;
            }
        });
    }

    private void answer(Message<Buffer> message, FunctionRequest request, Future<FunctionResponse> result) {
        inflight--;
        nodeInflight.decrement();
        if (result.succeeded() && result.result() != null) {
            FunctionResponse response = result.result();
            DeliveryOptions options = Wire.replyOptions(response);
            if (revision != null) {
                options.addHeader(Wire.REVISION, revision);
            }
            message.reply(response.body(), options);
        } else if (result.failed() && result.cause() instanceof ReplyException failure) {
            message.fail(failure.failureCode(), failure.getMessage());
        } else {
            String detail = result.failed() ? describe(result.cause()) : "the function answered nothing";
            // Filed under the function and the call: its log is where an anonymous caller's failure is explained.
            CallTag.of(vertx, functionContext.name(), request).call(() -> {
                functionContext.logger().log(System.Logger.Level.WARNING, "call failed: " + detail);
                return null;
            });
            message.fail(502, detail);
        }
    }

    /**
     * Completes once every call already queued on this instance's context has been seen: the context runs its tasks
     * in order, so a task queued now runs after them. Without it, calls queued before the consumer left would be
     * lost with the instance's threads, never answered.
     */
    private Future<Void> queuedCallsSeen() {
        Promise<Void> seen = Promise.promise();
        context.runOnContext(v -> seen.complete());
        return seen.future();
    }

    /**
     * A reply's write completes on this instance's context after {@code reply} returned. Once the instance is gone its
     * threads are too, and a write completing then fails its connection, which is shared by every call between the
     * two members: the calls on it are lost. The last replies are given a moment to be written.
     */
    private Future<Void> repliesWritten() {
        return vertx.timer(REPLY_WRITE_GRACE_MS).mapEmpty();
    }

    private Future<Void> drained() {
        Promise<Void> done = Promise.promise();
        long giveUpAt = System.currentTimeMillis() + timeoutMs + 1_000;
        if (inflight == 0) {
            return Future.succeededFuture();
        }
        vertx.setPeriodic(DRAIN_POLL_MS, id -> {
            if (inflight == 0 || System.currentTimeMillis() > giveUpAt) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return "the function failed: " + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
