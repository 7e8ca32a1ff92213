package org.bnn4j.nn.testutil;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Conversions between nested Java arrays and INDArrays, seeded random 4d arrays, and tolerant comparisons. */
public final class Arrays4d {
    private Arrays4d() {
    }

    /** a x b x c x d values uniform in [-scale, scale), from {@code seed}. */
    public static double[][][][] random4d(long seed, int a, int b, int c, int d, double scale) {
        java.util.Random r = new java.util.Random(seed);
        double[][][][] out = new double[a][b][c][d];
        for (double[][][] x : out) for (double[][] y : x) for (double[] z : y) for (int i = 0; i < d; i++) z[i] = (r.nextDouble() * 2 - 1) * scale;
        return out;
    }

    /** f applied to every element. */
    public static double[][][][] map(double[][][][] x, java.util.function.DoubleUnaryOperator f) {
        double[][][][] out = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) for (int k = 0; k < x[0][0].length; k++)
            for (int l = 0; l < x[0][0][0].length; l++) out[i][j][k][l] = f.applyAsDouble(x[i][j][k][l]);
        return out;
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
