package org.bnn4j.examples.train;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Learning-rate schedules for the command line. */
public final class LearningRates {
    private LearningRates() {
    }

    /**
     * BinaryNet's exponential decay, per epoch, from {@code start} in the first epoch to {@code end} in the
     * last: {@code lr(e) = start * (end / start)^(e / (epochs - 1))}.
     */
    public static ISchedule exponential(double start, double end, int epochs) {
        if (!(start > 0) || !(end > 0)) {
            throw new IllegalArgumentException("learning rates must be > 0, got start=" + start + ", end=" + end);
        }
        double gamma = epochs <= 1 ? 1.0 : Math.pow(end / start, 1.0 / (epochs - 1));
        return new ExponentialSchedule(ScheduleType.EPOCH, start, gamma);
    }
}
