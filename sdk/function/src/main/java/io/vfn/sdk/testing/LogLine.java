package io.vfn.sdk.testing;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * One line a function logged through {@link io.vfn.sdk.FunctionContext#logger()}, as a test sees it.
 *
 * @param level   its level
 * @param message its message, parameters filled in
 * @param thrown  the throwable logged with it
 */
public record LogLine(Level level, String message, Optional<Throwable> thrown) {}
