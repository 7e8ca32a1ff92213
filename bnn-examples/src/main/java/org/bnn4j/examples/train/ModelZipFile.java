package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.InputFiles;
import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of a ModelSerializer zip, read for checking, with every failure a {@link ModelFileException} that
 * names the zip and the entry: a file that is not a zip, a damaged entry, an entry larger than it may be.
 */
final class ModelZipFile implements Closeable {
    /** Reads an entry's content. */
    @FunctionalInterface
    interface EntryReader<T> {
        T read(InputStream content) throws IOException;
    }

    private final Path file;
    private final ZipFile zip;

    private ModelZipFile(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /** Opens a model zip for reading its entries. */
    static ModelZipFile open(Path file) {
        InputFiles.requireReadableFile(file, "a ModelSerializer zip");
        try {
            return new ModelZipFile(file, new ZipFile(file.toFile()));
        } catch (ZipException e) {
            throw new ModelFileException(file, "is not a zip file, or a damaged one (" + Messages.describe(e)
                    + "); a ModelSerializer model is a zip", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read (" + Messages.describe(e) + ")", e);
        }
    }

    Path file() {
        return file;
    }

    /** The entry's content, at most {@code maxBytes} of it (more is an error), or empty if there is no entry. */
    Optional<byte[]> bytes(String name, int maxBytes) {
        return read(name, in -> {
            byte[] content = in.readNBytes(maxBytes + 1); // grows as data arrives: an entry's stated size may lie
            if (content.length > maxBytes) {
                throw new ModelFileException(file, name + " is larger than " + maxBytes + " bytes, more than it can be");
            }
            return content;
        });
    }

    /** What {@code reader} makes of the entry's content, or empty if there is no entry. */
    <T> Optional<T> read(String name, EntryReader<T> reader) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(reader.read(in));
        } catch (ZipException e) {
            throw new ModelFileException(file, "its entry " + name + " is damaged (" + Messages.describe(e) + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "its entry " + name + " cannot be read (" + Messages.describe(e) + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing was written: a failure to release the file changes nothing that was read
        }
    }
}
