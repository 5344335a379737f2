package io.vfn.functions.counter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.FunctionVerticle;
import java.util.UUID;

/**
 * A function written as a plain verticle: each instance keeps its own count (starting at the env's
 * {@code start}, default 0) and answers it with the instance's id.
 *
 * <pre>curl -X POST http://127.0.0.1:8080/function/counter</pre>
 */
public final class Counter extends FunctionVerticle {

    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private long count;

    @Override
    protected Future<?> setUp() {
        count = Long.parseLong(functionContext().env().getOrDefault("start", "0"));
        return Future.succeededFuture();
    }

    @Override
    protected Future<FunctionResponse> handle(FunctionRequest request) {
        count++;
        JsonObject answer = new JsonObject().put("count", count).put("instance", instance);
        return Future.succeededFuture(FunctionResponse.json(answer));
    }
}
