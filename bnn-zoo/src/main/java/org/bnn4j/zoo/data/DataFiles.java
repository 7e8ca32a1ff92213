package org.bnn4j.zoo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Finding data-set files and the checks every reader shares. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The first candidate that is a regular file.
     *
     * @throws DataFileException naming the first candidate (and the others looked at) when none exists
     */
    static Path firstExisting(List<Path> candidates) {
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String others = candidates.size() < 2 ? "" : " (also looked for " + candidates.subList(1, candidates.size())
                .stream().map(Path::toString).collect(Collectors.joining(", ")) + ")";
        throw new DataFileException(candidates.get(0), "missing" + others);
    }

    static void requireRegularFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "missing or not a regular file");
        }
    }

    static DataFileException unreadable(Path file, IOException e) {
        return new DataFileException(file, "cannot be read (" + e + ")", e);
    }
}
