package org.bnn4j.nn.schedule;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * Another updater's learning rate times a constant, as a schedule: BinaryConnect's per-layer learning rates, where the
 * binary kernels of a layer learn {@code scale} times faster than the rest of the network, with the same schedule.
 * It reads the source updater's rate at each (iteration, epoch), so the network's schedule (decay, warm-up) is kept
 * once, in one place. Serialized with the network's configuration like any DL4J schedule.
 *
 * <pre>{@code
 * IUpdater network = new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 3e-3, 0.5));
 * IUpdater kernel = network.clone();
 * kernel.setLrAndSchedule(Double.NaN, new ScaledLearningRate(network, 34.7));  // 34.7 x Adam's rate, same decay
 * new BinaryDenseLayer.Builder().nOut(1024).kernelUpdater(kernel).build();
 * }</pre>
 */
public class ScaledLearningRate implements ISchedule {
    private IUpdater source;
    private double scale;

    /** For JSON. */
    public ScaledLearningRate() {
    }

    /**
     * @param source the updater whose learning rate is scaled (it must have one)
     * @param scale  a finite factor > 0
     */
    public ScaledLearningRate(IUpdater source, double scale) {
        if (source == null || !source.hasLearningRate()) {
            throw new IllegalArgumentException("ScaledLearningRate: the source updater must have a learning rate, got " + source);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("ScaledLearningRate: scale must be a finite number > 0, got " + scale);
        }
        this.source = source.clone();
        this.scale = scale;
    }

    public IUpdater getSource() {
        return source;
    }

    public double getScale() {
        return scale;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return scale * source.getLearningRate(iteration, epoch);
    }

    @Override
    public ISchedule clone() {
        return new ScaledLearningRate(source, scale);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledLearningRate that && Double.compare(scale, that.scale) == 0 && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, scale);
    }

    @Override
    public String toString() {
        return "ScaledLearningRate(" + scale + " x " + source + ")";
    }
}
