package org.bnn4j.runtime;

import java.io.IOException;

/**
 * A model file that is not a valid bnn4j packed model: wrong magic, a format version this runtime does not
 * read, truncated or corrupt bytes (checksum mismatch), or contents that break a rule of {@code docs/FORMAT.md}.
 * The message says which rule and where. A model is never half-loaded: this is thrown before any
 * {@link BnnModel} exists.
 *
 * <pre>{@code
 * try {
 *     BnnModel model = BnnModel.load(Path.of("model.bnn"));
 * } catch (BnnFormatException e) {
 *     System.err.println("not a usable model: " + e.getMessage());
 * }
 * }</pre>
 */
public class BnnFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public BnnFormatException(String message) {
        super(message);
    }

    public BnnFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
