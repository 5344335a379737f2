package io.vfn.sdk.cli;

/** How results are printed: {@code table} for people, {@code json} for scripts. */
public enum Output {
    /** Aligned columns or key: value lines. */
    TABLE,
    /** Pretty-printed JSON, as the gateway answered it. */
    JSON
}
