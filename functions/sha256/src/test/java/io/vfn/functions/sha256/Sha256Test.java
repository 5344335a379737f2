package io.vfn.functions.sha256;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.TestFunctionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Sha256Test {

    private static FunctionResponse call(String body, String rounds) throws Exception {
        return new Sha256()
                .handle(
                        FunctionRequest.builder()
                                .body(body)
                                .query("rounds", rounds)
                                .build(),
                        TestFunctionContext.create("sha256"));
    }

    @Test
    void oneRound_isTheSha256OfTheBody() throws Exception {
        assertThat(call("abc", "1").body().toString())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void twoRounds_hashTheFirstDigestAgain() throws Exception {
        // sha256(sha256("abc")) as raw bytes
        assertThat(call("abc", "2").body().toString())
                .isEqualTo("4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1000001", "x", ""})
    void roundsOutOfRange_isItsOwn400(String rounds) throws Exception {
        assertThat(call("abc", rounds).statusCode()).isEqualTo(400);
    }
}
