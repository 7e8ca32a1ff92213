package org.bnn4j.nn.updaters;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The state and first stage of {@link Bop}: updates the moving average {@code m = (1 - gamma) m + gamma g}
 * and leaves m in the update array for Bop's flip step, which knows the weights. Created by
 * {@link Bop#instantiate}; DL4J's updater blocks drive it, users never do.
 *
 * <pre>{@code
 * GradientUpdater u = new Bop().instantiate(stateView, true); // stateView: one value per weight
 * u.applyUpdater(gradient, iteration, epoch);                 // gradient now holds m
 * }</pre>
 */
public class BopUpdater implements GradientUpdater<Bop> {
    /** Key of the moving average in {@link #getState()}. */
    public static final String MOVING_AVERAGE = "m";

    private final Bop config;
    private INDArray movingAverage;

    public BopUpdater(Bop config) {
        this.config = config;
    }

    @Override
    public Bop getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap == null || stateMap.size() != 1 || !stateMap.containsKey(MOVING_AVERAGE)) {
            throw new IllegalStateException("Bop: the state map must hold exactly the key \"" + MOVING_AVERAGE + "\", got "
                    + (stateMap == null ? null : stateMap.keySet()));
        }
        movingAverage = stateMap.get(MOVING_AVERAGE);
        if (initialize) {
            movingAverage.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Collections.singletonMap(MOVING_AVERAGE, movingAverage);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        movingAverage = viewAs(viewArray, gradientShape, gradientOrder);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (movingAverage == null) {
            throw new IllegalStateException("Bop: the updater has no state array yet");
        }
        double gamma = config.gammaAt(iteration, epoch);
        INDArray m = viewAs(movingAverage, gradient.shape(), gradient.ordering());
        m.muli(1 - gamma).addi(gradient.mul(gamma));
        gradient.assign(m); // the flip step reads m here, next to the weights
    }

    /** The state seen in the gradient's shape: a view, never a copy, so updates land in the network's state array. */
    private static INDArray viewAs(INDArray state, long[] shape, char order) {
        if (Arrays.equals(state.shape(), shape)) {
            return state;
        }
        INDArray view = Shape.newShapeNoCopy(state, shape, order == 'f');
        if (view == null) {
            throw new IllegalStateException("Bop: cannot view the updater state " + Arrays.toString(state.shape())
                    + " as the gradient's shape " + Arrays.toString(shape));
        }
        return view;
    }
}
