package io.vfn.runtime;

import io.vfn.Failure;
import io.vfn.catalog.FunctionRecord;
import java.util.OptionalInt;

/**
 * Where a call goes: a function's default route (split by its weights), or one revision the caller pinned with
 * {@code name@alias} or {@code name@number}.
 *
 * @param function the function
 * @param pinned   the revision the caller named, or empty for the default route
 */
public record Route(FunctionRecord function, OptionalInt pinned) {

    /**
     * @param function a function
     * @return its default route
     */
    public static Route of(FunctionRecord function) {
        return new Route(function, OptionalInt.empty());
    }

    /**
     * @param target {@code name}, {@code name@alias} or {@code name@revision}
     * @return the function's name
     */
    public static String functionOf(String target) {
        int at = target.indexOf('@');
        return at < 0 ? target : target.substring(0, at);
    }

    /**
     * @param function the function {@code target} names
     * @param target   {@code name}, {@code name@alias} or {@code name@revision}
     * @return the route
     * @throws io.vfn.VfnException {@code 404} for an unknown alias or a revision not kept, {@code 409} for a kept
     *     revision that runs nowhere
     */
    public static Route resolve(FunctionRecord function, String target) {
        int at = target.indexOf('@');
        if (at < 0) {
            return of(function);
        }
        String selector = target.substring(at + 1);
        int revision;
        if (!selector.isEmpty() && selector.chars().allMatch(Character::isDigit) && selector.length() < 10) {
            revision = Integer.parseInt(selector);
        } else {
            Integer aliased = function.aliases().get(selector);
            if (aliased == null) {
                throw Failure.REVISION_NOT_FOUND.exception("function '" + function.name() + "' has no alias '"
                        + selector + "'; aliases: " + function.aliases().keySet());
            }
            revision = aliased;
        }
        return pinned(function, revision);
    }

    /**
     * @param function a function
     * @param revision one of its revisions
     * @return the route to exactly that revision
     * @throws io.vfn.VfnException {@code 404} for a revision not kept, {@code 409} for a kept revision that runs
     *     nowhere
     */
    public static Route pinned(FunctionRecord function, int revision) {
        if (function.revision(revision).isEmpty()) {
            throw Failure.REVISION_NOT_FOUND.exception(
                    "function '" + function.name() + "' keeps no revision " + revision);
        }
        if (!function.running().contains(revision)) {
            throw Failure.CONFLICT.exception(
                    "revision " + revision + " of '" + function.name() + "' runs nowhere: only the "
                            + "revision in force and those with an alias or a share of the traffic run; give it an alias to call it");
        }
        return new Route(function, OptionalInt.of(revision));
    }
}
