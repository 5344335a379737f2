package io.vfn.sdk.impl;

import io.vertx.core.Vertx;
import java.util.ResourceBundle;

/**
 * A function's {@code FunctionContext.logger()}: its lines carry the function's name even where no call is running
 * (in {@code init}, or a timer of the instance's own), so that the platform files them under the function.
 */
final class TaggedLogger implements System.Logger {

    private final System.Logger delegate;
    private final CallTag outsideCalls;

    TaggedLogger(Vertx vertx, String function) {
        this.delegate = System.getLogger("vfn.function." + function);
        this.outsideCalls = CallTag.outsideCalls(vertx, function);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        tagged(() -> delegate.log(level, bundle, message, thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        tagged(() -> delegate.log(level, bundle, format, params));
    }

    private void tagged(Runnable log) {
        if (CallTag.current().isPresent()) {
            log.run();
        } else {
            outsideCalls.call(() -> {
                log.run();
                return null;
            });
        }
    }
}
