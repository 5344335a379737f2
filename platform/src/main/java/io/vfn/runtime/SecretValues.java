package io.vfn.runtime;

import java.util.Optional;

/** Where the runtime reads the values of the secrets a function's spec names. */
@FunctionalInterface
public interface SecretValues {

    /**
     * Blocking.
     *
     * @param name a secret's name
     * @return its value; empty when there is no such secret
     * @throws io.vfn.VfnException when it cannot be opened here
     */
    Optional<String> value(String name);
}
