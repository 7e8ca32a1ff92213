package org.bnn4j.zoo;

import org.bnn4j.nn.lossfunctions.LossMultiClassHinge;
import org.bnn4j.nn.lossfunctions.LossOneHotSquaredHinge;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** How a zoo classifier turns its last layer's outputs into a loss. */
public enum OutputLoss {
    /** Softmax and cross-entropy (the default: it trained faster and better in our runs). */
    SOFTMAX_CROSS_ENTROPY,
    /** BinaryNet's multi-class squared hinge on the raw (BatchNorm-ed) outputs, with one-hot labels. */
    SQUARED_HINGE,
    /** The Crammer-Singer multi-class hinge that Deep Frank-Wolfe trains with, on the raw outputs. */
    MULTICLASS_HINGE;

    /** The loss function, for a loss layer of one's own (e.g. fine-tuning an imported network). */
    public ILossFunction lossFunction() {
        switch (this) {
            case MULTICLASS_HINGE: return new LossMultiClassHinge();
            case SQUARED_HINGE: return new LossOneHotSquaredHinge();
            default: return new LossMCXENT();
        }
    }

    /** A parameter-free loss layer on top of the last (dense + BatchNorm) layer. */
    LossLayer lossLayer() {
        return new LossLayer.Builder(lossFunction()).activation(activation()).build();
    }

    /** A full-precision dense classifier with a bias and this loss (the image models' last layer). */
    OutputLayer outputLayer(int numClasses) {
        return new OutputLayer.Builder(lossFunction()).nOut(numClasses).activation(activation())
                .weightInit(WeightInit.XAVIER).build();
    }

    /** Softmax for cross-entropy; the hinge losses score the raw outputs. */
    private Activation activation() {
        return this == SOFTMAX_CROSS_ENTROPY ? Activation.SOFTMAX : Activation.IDENTITY;
    }
}
