package org.bnn4j.examples.bench;

import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.BinaryNetMlp;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child JVM of the memory benchmark: loads one side (the packed runtime with a model file, or DL4J with the
 * MLP's float twin), runs inference, and prints one line with what it used. Run by {@link MemoryBench}, one
 * process per measurement, so neither side sees the other's heap, and under varying {@code -Xmx}.
 *
 * <pre>
 * java -Xmx64m -cp ... org.bnn4j.examples.bench.MemoryProbe runtime model.bnn 64 20
 * java -Xmx512m -cp ... org.bnn4j.examples.bench.MemoryProbe dl4j 4096 64 20
 * </pre>
 */
public final class MemoryProbe {
    static final String PREFIX = "PROBE";

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String side = args[0];
        int batch = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        Runnable inference;
        if (side.equals("runtime")) {
            BnnModel model = BnnModel.load(Path.of(args[1]));
            float[][] x = new float[batch][model.inputSize()];
            Random r = new Random(1);
            for (float[] row : x) {
                for (int i = 0; i < row.length; i++) row[i] = r.nextFloat();
            }
            inference = () -> model.predict(x);
        } else {
            MultiLayerNetwork net = BinaryNetMlp.builder().width(Integer.parseInt(args[1])).fullPrecision(true).build().init();
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 784);
            inference = () -> net.output(x, false);
        }
        inference.run();
        System.gc();
        long retained = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        for (int i = 0; i < iterations; i++) {
            inference.run();
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        // ND4J's own count: JavaCPP pointers plus its tracked general and workspace allocations
        long offHeap = side.equals("runtime") ? 0 : Nd4j.getMemoryManager().allocatedMemory(0);
        System.out.println(PREFIX + " retainedHeap=" + retained + " peakHeap=" + peak + " offHeap=" + offHeap
                + " peakRss=" + ChildProbe.procStatusBytes("VmHWM:"));
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

}
