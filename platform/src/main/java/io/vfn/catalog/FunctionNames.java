package io.vfn.catalog;

import io.vfn.Failure;
import java.util.regex.Pattern;

/** The rule for function names: {@code ^[a-z][a-z0-9-]{0,62}$}. */
public final class FunctionNames {

    private static final Pattern VALID = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private FunctionNames() {}

    /**
     * @param name a name
     * @return whether it is valid
     */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * @param name a name
     * @return the name
     * @throws io.vfn.VfnException {@code 400} when it is not valid
     */
    public static String require(String name) {
        if (!isValid(name)) {
            throw Failure.INVALID_NAME.exception(
                    "'" + name + "' is not a valid function name: lower-case letters, digits "
                            + "and '-', starting with a letter, at most 63 characters");
        }
        return name;
    }
}
