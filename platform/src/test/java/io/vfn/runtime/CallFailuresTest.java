package io.vfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vfn.Failure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the invoker reads a failed event-bus call: whether the function ran, and the failure its caller sees. */
class CallFailuresTest {

    /** How Vert.x 5 fails a request whose consumer unregistered with the message still queued. */
    private static final ReplyException DISCARDED =
            new ReplyException(ReplyFailure.TIMEOUT, "Discarded the request. address: vfn.fn.echo, repliedAddress: 1");

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ReplyException(ReplyFailure.NO_HANDLERS, "none"), true, Failure.UNAVAILABLE),
                Arguments.of(
                        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FunctionRuntime.GONE, "leaving"),
                        true,
                        Failure.UNAVAILABLE),
                Arguments.of(DISCARDED, true, Failure.UNAVAILABLE),
                Arguments.of(
                        new ReplyException(ReplyFailure.TIMEOUT, "Timed out after 1000 ms"), false, Failure.TIMEOUT),
                Arguments.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 504, "late"), false, Failure.TIMEOUT),
                Arguments.of(
                        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 429, "full"), false, Failure.TOO_MANY_CALLS),
                Arguments.of(
                        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 502, "threw"),
                        false,
                        Failure.FUNCTION_FAILED),
                Arguments.of(
                        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400, "malformed"),
                        false,
                        Failure.BAD_REQUEST),
                Arguments.of(
                        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 418, "odd"), false, Failure.FUNCTION_FAILED),
                Arguments.of(new IllegalStateException("closed"), false, Failure.FUNCTION_FAILED));
    }

    @ParameterizedTest(name = "{0} → ran: {1}, {2}")
    @MethodSource("failures")
    void aFailedBusCall_isReadAsItsFailure_andResentOnlyWhenTheFunctionNeverRan(
            Throwable cause, boolean neverRan, Failure failure) {
        assertThat(CallFailures.neverRan(cause)).isEqualTo(neverRan);
        assertThat(CallFailures.of("echo", cause).failure()).isEqualTo(failure);
    }

    @Test
    void aPlatformFailure_passesAsItIs() {
        assertThat(CallFailures.of("echo", Failure.FUNCTION_NOT_FOUND.exception("no echo"))
                        .detail())
                .isEqualTo("no echo");
    }
}
