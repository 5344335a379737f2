package io.vfn.sdk.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vfn.sdk.FunctionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of failure, on each side of a call, and the status it becomes. */
class FailuresTest {

    static Stream<Arguments> functionFailures() {
        return Stream.of(
                Arguments.of(new FunctionException(404, "no function named 'geo'"), 404, "no function named 'geo'"),
                Arguments.of(
                        new IllegalStateException("the database is gone"),
                        502,
                        "IllegalStateException: the database is gone"),
                Arguments.of(new Error("out of luck"), 502, "Error: out of luck"),
                Arguments.of(new StackOverflowError(), 502, "StackOverflowError"),
                Arguments.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404, "raw"), 502, "ReplyException"));
    }

    @ParameterizedTest
    @MethodSource("functionFailures")
    void whatAFunctionFailsWith_isAnsweredWithThisStatus(Throwable cause, int status, String detail) {
        FunctionException answer = Failures.ofFunction(cause);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.detail()).contains(detail);
    }

    static Stream<Arguments> callFailures() {
        return Stream.of(
                Arguments.of(new ReplyException(ReplyFailure.NO_HANDLERS, "none"), 404),
                Arguments.of(new ReplyException(ReplyFailure.TIMEOUT, "late"), 504),
                Arguments.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 429, "full"), 429),
                Arguments.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, -1, "odd code"), 502),
                Arguments.of(new FunctionException(503, "not ready"), 503));
    }

    @ParameterizedTest
    @MethodSource("callFailures")
    void howACallOverABareEventBusFailed_isTheStatusANodeWouldAnswer(Throwable cause, int status) {
        assertThat(Failures.ofCall("geo", cause).status()).isEqualTo(status);
    }
}
