package org.bnn4j.export;

/**
 * A network the exporter cannot write exactly: an unsupported layer, vertex, preprocessor, activation or
 * quantizer, or a configuration whose inference behaviour the format cannot express. The message names the
 * layer and says why.
 *
 * <pre>{@code
 * try {
 *     BnnExporter.export(net, Path.of("model.bnn"));
 * } catch (BnnExportException e) {
 *     System.err.println("cannot export: " + e.getMessage());
 * }
 * }</pre>
 */
public class BnnExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BnnExportException(String message) {
        super(message);
    }

    public BnnExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
