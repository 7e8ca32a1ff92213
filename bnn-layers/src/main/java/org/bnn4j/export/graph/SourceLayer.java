package org.bnn4j.export.graph;

/**
 * A DL4J layer or vertex that went into an exported op, with its parameters counted by precision: binary
 * (1-bit kernel weights), ternary (2-bit kernel weights) and float (everything else: biases, BatchNorm
 * statistics, full-precision kernels). Rewrites that fuse ops keep the list of every source, so the summary
 * can account for each DL4J parameter.
 *
 * <pre>{@code
 * new SourceLayer("dense1", "BinaryDenseLayer", 1024 * 1024, 0, 1024);
 * }</pre>
 */
public record SourceLayer(String name, String type, long binaryParams, long ternaryParams, long floatParams) {

    public long params() {
        return binaryParams + ternaryParams + floatParams;
    }
}
