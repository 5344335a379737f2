package io.vfn.functions.hello;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * JSON in, JSON out: {@code {"name":"Ada"}} → {@code {"greeting":"Hello, Ada!"}}; no name greets the world, a
 * body that is not a JSON object is answered {@code 400}.
 *
 * <pre>curl -H 'Content-Type: application/json' -d '{"name":"Ada"}' http://127.0.0.1:8080/function/hello</pre>
 */
public final class Hello implements AsyncFunction {

    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        String name;
        try {
            name = request.bodyAsJson().getString("name");
        } catch (DecodeException e) {
            return Future.succeededFuture(FunctionResponse.json(
                            new JsonObject().put("error", "send a JSON object such as {\"name\":\"Ada\"}"))
                    .statusCode(400));
        }
        String greeting = "Hello, " + (name == null ? "world" : name) + "!";
        return Future.succeededFuture(FunctionResponse.json(new JsonObject().put("greeting", greeting)));
    }
}
