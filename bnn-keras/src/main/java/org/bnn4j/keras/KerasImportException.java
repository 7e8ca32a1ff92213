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
        super(message);
    }

    public KerasImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
