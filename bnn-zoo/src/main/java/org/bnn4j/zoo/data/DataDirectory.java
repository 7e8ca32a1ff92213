package org.bnn4j.zoo.data;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Finds the root data directory, which holds one subdirectory per data set ({@code mnist/},
 * {@code fashion-mnist/}, {@code cifar10/}). In order: an explicit directory (the CLI's {@code --data-dir}),
 * else the {@value #ENV_VAR} environment variable, else {@code ~/.bnn4j/data}.
 *
 * <pre>{@code
 * Path root = DataDirectory.resolve(null);             // BNN4J_DATA or ~/.bnn4j/data
 * Path mine = DataDirectory.resolve(Path.of("/data")); // always /data
 * }</pre>
 */
public final class DataDirectory {
    /** Environment variable naming the data directory when none is given explicitly. */
    public static final String ENV_VAR = "BNN4J_DATA";

    private DataDirectory() {
    }

    /** @param explicit the directory the user gave, or null to look at the environment, then the home directory */
    public static Path resolve(Path explicit) {
        return resolve(explicit, System::getenv, Path.of(System.getProperty("user.home")));
    }

    /**
     * The same lookup with the environment and home directory passed in (for tests and embedding).
     *
     * @param env  returns an environment variable's value, or null when it is not set
     * @param home the user's home directory
     */
    public static Path resolve(Path explicit, UnaryOperator<String> env, Path home) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.apply(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.trim());
        }
        return home.resolve(".bnn4j").resolve("data");
    }
}
