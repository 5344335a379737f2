package io.vfn.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

class TestFunctionContextTest {

    /** Asks {@code upper} to shout its body, logs what it did, answers with the shout. */
    public static final class Shouter implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            context.logger()
                    .log(
                            Level.INFO,
                            "shouting {0} for {1}",
                            request.bodyAsString(),
                            context.env().get("USER"));
            return context.invoke("upper", request.body());
        }
    }

    @Test
    void stubbedInvoke_answers_andTheCallAndLogAreRecorded() {
        TestFunctionContext context = TestFunctionContext.create("shouter")
                .env("USER", "ada")
                .stub(
                        "upper",
                        request -> Future.succeededFuture(
                                FunctionResponse.text(request.bodyAsString().toUpperCase())));

        FunctionResponse response = new Shouter()
                .handle(FunctionRequest.builder().body("hi").build(), context)
                .await();

        assertThat(response.body().toString()).isEqualTo("HI");
        assertThat(context.invocations()).singleElement().satisfies(call -> {
            assertThat(call.function()).isEqualTo("upper");
            assertThat(call.request().bodyAsString()).isEqualTo("hi");
        });
        assertThat(context.logs())
                .containsExactly(new LogLine(Level.INFO, "shouting hi for ada", java.util.Optional.empty()));
    }

    @Test
    void invokeOfAFunctionNobodyStubbed_fails404() {
        TestFunctionContext context = TestFunctionContext.create("shouter");

        Future<FunctionResponse> answer =
                new Shouter().handle(FunctionRequest.builder().body("hi").build(), context);

        assertThatThrownBy(answer::await)
                .isInstanceOfSatisfying(
                        FunctionException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void withoutVertx_vertxSaysHowToGetOne() {
        assertThatThrownBy(() -> TestFunctionContext.create("f").vertx()).hasMessageContaining("create(name, vertx)");
    }
}
