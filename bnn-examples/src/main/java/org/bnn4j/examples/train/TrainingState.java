package org.bnn4j.examples.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where a training run stands, all a resumed run needs besides the network and its updater: epochs and
 * minibatches done, the running loss of the current epoch, the best epoch so far and the history. The data
 * order is a function of (seed, epoch), so the position is enough to replay it.
 *
 * <pre>{@code
 * TrainingState s = TrainingState.fresh();
 * Properties p = s.toProperties();
 * TrainingState same = TrainingState.fromProperties(p); // throws IllegalArgumentException if p is damaged
 * }</pre>
 */
public final class TrainingState {
    public final int epochsDone;
    /** Minibatches of epoch {@code epochsDone + 1} already trained on. */
    public final long batchesDone;
    public final double lossSum;
    public final long lossCount;
    public final int bestEpoch;
    public final double bestAccuracy;
    public final List<TrainingHistory.Epoch> history;

    public TrainingState(int epochsDone, long batchesDone, double lossSum, long lossCount, int bestEpoch,
                         double bestAccuracy, List<TrainingHistory.Epoch> history) {
        this.epochsDone = epochsDone;
        this.batchesDone = batchesDone;
        this.lossSum = lossSum;
        this.lossCount = lossCount;
        this.bestEpoch = bestEpoch;
        this.bestAccuracy = bestAccuracy;
        this.history = List.copyOf(history);
    }

    /** A run that has not started. */
    public static TrainingState fresh() {
        return new TrainingState(0, 0, 0, 0, 0, -1, List.of());
    }

    /** Doubles as {@link Double#toString}, which reads back exactly: a resumed run continues bit for bit. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("epochsDone", Integer.toString(epochsDone));
        p.setProperty("batchesDone", Long.toString(batchesDone));
        p.setProperty("lossSum", Double.toString(lossSum));
        p.setProperty("lossCount", Long.toString(lossCount));
        p.setProperty("bestEpoch", Integer.toString(bestEpoch));
        p.setProperty("bestAccuracy", Double.toString(bestAccuracy));
        p.setProperty("history.size", Integer.toString(history.size()));
        for (int i = 0; i < history.size(); i++) {
            TrainingHistory.Epoch e = history.get(i);
            p.setProperty("history." + i, e.epoch + "," + e.trainLoss + "," + e.validationLoss + ","
                    + e.validationAccuracy + "," + e.learningRate + "," + e.seconds);
        }
        return p;
    }

    /** @throws IllegalArgumentException naming the missing or malformed key */
    public static TrainingState fromProperties(Properties p) {
        int epochsDone = (int) number(p, "epochsDone", 0, Integer.MAX_VALUE);
        int size = (int) number(p, "history.size", epochsDone, epochsDone);
        List<TrainingHistory.Epoch> history = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String[] f = value(p, "history." + i).split(",", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("history." + i + " has " + f.length + " fields, not 6");
            }
            history.add(new TrainingHistory.Epoch(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
        return new TrainingState(epochsDone, number(p, "batchesDone", 0, Long.MAX_VALUE),
                Double.parseDouble(value(p, "lossSum")), number(p, "lossCount", 0, Long.MAX_VALUE),
                (int) number(p, "bestEpoch", 0, epochsDone), Double.parseDouble(value(p, "bestAccuracy")), history);
    }

    /** The value of {@code key}; an IllegalArgumentException saying it is missing if there is none. */
    static String value(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static long number(Properties p, String key, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " = " + v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }
}
