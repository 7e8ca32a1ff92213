package org.bnn4j.export.importer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies DL4J parameter arrays into plain Java arrays in the layouts the exporter uses. */
final class Params {
    private Params() {
    }

    /** Row-major (C order) float copy of any array or view. */
    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
    }

    static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }

    /** A dense kernel [nIn, nOut] as rows [nOut][nIn]. */
    static float[] denseRows(INDArray w) {
        return floats(w.transpose());
    }

    /** A convolution kernel [nOut, nIn, kH, kW] as rows [nOut][kH][kW][nIn]. */
    static float[] convolutionRows(INDArray w) {
        return floats(w.permute(0, 2, 3, 1));
    }
}
