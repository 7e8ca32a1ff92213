package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.MinimumInt;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The command-line options every data-reading command shares ({@code @Mixin DataLocation data;}): where the
 * data is and how much of it to use.
 */
public final class DataLocation {
    @Option(names = "--data-dir", description = "Data directory (default: $BNN4J_DATA, else ~/.bnn4j/data).")
    Path dataDir;

    @Option(names = "--limit", defaultValue = "0", converter = MinimumInt.NonNegative.class,
            description = "Use only this many examples per split (0 = all); for quick runs.")
    int limit;

    /** Copies these options into data options. */
    public DatasetCatalog.Options applyTo(DatasetCatalog.Options options) {
        options.dataDir = dataDir;
        options.limit = limit;
        return options;
    }

    public int limit() {
        return limit;
    }

    /** The --data-dir given, or null for the default. */
    public Path dataDir() {
        return dataDir;
    }
}
