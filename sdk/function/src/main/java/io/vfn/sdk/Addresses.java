package io.vfn.sdk;

/**
 * The event-bus addresses of vfn, in one place.
 */
public final class Addresses {

    /** Prefix of every function's address: {@code vfn.fn.<name>}. */
    public static final String FUNCTION_PREFIX = "vfn.fn.";

    private Addresses() {}

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
     * The address the instances of one revision of a function consume, beside the function's own address when that
     * revision is the one in force.
     *
     * @param name     the function's name
     * @param revision the revision
     * @return {@code vfn.fn.<name>@<revision>}
     */
    public static String revision(String name, int revision) {
        return FUNCTION_PREFIX + name + "@" + revision;
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
