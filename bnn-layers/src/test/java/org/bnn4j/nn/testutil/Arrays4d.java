package org.bnn4j.nn.testutil;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Conversions between nested Java arrays and INDArrays, and tolerant comparisons. */
public final class Arrays4d {
    private Arrays4d() {
    }

    public static double[][][][] toJava4d(INDArray a) {
        long[] s = a.shape();
        double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        for (int i = 0; i < s[0]; i++) for (int j = 0; j < s[1]; j++) for (int k = 0; k < s[2]; k++) for (int l = 0; l < s[3]; l++)
            out[i][j][k][l] = a.getDouble(i, j, k, l);
        return out;
    }

    public static double[][] toJava2d(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    public static INDArray fromJava(double[][][][] a, DataType type) {
        return Nd4j.create(a).castTo(type);
    }

    public static INDArray fromJava(double[][] a, DataType type) {
        return Nd4j.create(a).castTo(type);
    }

    public static void assertClose(double[][][][] expected, INDArray actual, double tol, String what) {
        double[][][][] a = toJava4d(actual);
        assertEquals(expected.length, a.length, what + ": dim 0");
        for (int i = 0; i < expected.length; i++) for (int j = 0; j < expected[0].length; j++)
            for (int k = 0; k < expected[0][0].length; k++) for (int l = 0; l < expected[0][0][0].length; l++)
                assertEquals(expected[i][j][k][l], a[i][j][k][l], tol * Math.max(1, Math.abs(expected[i][j][k][l])),
                        what + " at [" + i + "," + j + "," + k + "," + l + "]");
    }

    public static void assertClose(double[][] expected, INDArray actual, double tol, String what) {
        double[][] a = toJava2d(actual);
        assertEquals(expected.length, a.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, a[i].length, what + ": columns");
            for (int j = 0; j < expected[i].length; j++)
                assertEquals(expected[i][j], a[i][j], tol * Math.max(1, Math.abs(expected[i][j])), what + " at [" + i + "," + j + "]");
        }
    }

    public static void assertClose(double[] expected, INDArray actual, double tol, String what) {
        double[] a = actual.castTo(DataType.DOUBLE).toDoubleVector();
        assertEquals(expected.length, a.length, what + ": length");
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], a[i], tol * Math.max(1, Math.abs(expected[i])), what + " at [" + i + "]");
    }
}
