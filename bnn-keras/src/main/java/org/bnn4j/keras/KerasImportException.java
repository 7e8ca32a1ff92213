package org.bnn4j.keras;

/**
 * A Keras/Larq file that cannot be imported exactly: not a Keras 2 HDF5 file, truncated or corrupt, a layer or
 * quantizer bnn4j does not support, a missing weight or one whose shape disagrees with the configuration. The
 * message names the file and, where it applies, the layer and the field. No network is returned when it is thrown.
 *
 * <pre>{@code
 * try {
 *     MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(Path.of("model.h5"));
 * } catch (KerasImportException e) {
 *     System.err.println(e.getMessage()); // e.g. "model.h5: layer 'lambda' (Lambda) is not supported; ..."
 * }
 * }</pre>
 */
public class KerasImportException extends RuntimeException {
    public KerasImportException(String message) {
        super(printable(message));
    }

    public KerasImportException(String message, Throwable cause) {
        super(printable(message), cause);
    }

    /**
     * Messages quote names and values read from the file, which a damaged file fills with any bytes: control
     * characters are written as Java escapes (backslash, u, four hex digits), so a message stays one printable line (a terminal, a log).
     */
    static String printable(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) {
            return message;
        }
        StringBuilder sb = new StringBuilder(message.length() + 16);
        message.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append((char) c);
            }
        });
        return sb.toString();
    }
}
