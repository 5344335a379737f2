package io.vfn.config;

import picocli.CommandLine.IVersionProvider;

/** The platform's version, from the jar's manifest. */
public final class VersionProvider implements IVersionProvider {

    /** @return the version of the running platform, {@code dev} outside a built jar */
    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vfn " + version()};
    }
}
