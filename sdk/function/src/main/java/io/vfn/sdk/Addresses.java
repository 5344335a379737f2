package io.vfn.sdk;

/**
 * The event-bus addresses of vfn, in one place.
 */
public final class Addresses {

    /** Prefix of every function's address: {@code vfn.fn.<name>}. */
    public static final String FUNCTION_PREFIX = "vfn.fn.";

    private Addresses() {
    }

    /**
     * The address every instance of a function consumes.
     *
     * @param name the function's name
     * @return {@code vfn.fn.<name>}
     */
    public static String function(String name) {
        return FUNCTION_PREFIX + name;
    }

    /**
     * The address where a node answers for the function logs it keeps.
     *
     * @param nodeId the node's id
     * @return {@code vfn.logs.<nodeId>}
     */
    public static String logs(String nodeId) {
        return "vfn.logs." + nodeId;
    }
}
