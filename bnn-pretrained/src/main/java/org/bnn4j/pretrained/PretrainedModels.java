package org.bnn4j.pretrained;

import org.bnn4j.runtime.BnnModel;

import java.util.List;

/**
 * The trained models shipped in bnn4j's jars, loaded by name with nothing but the runtime and a JVM: no DL4J, no
 * download. Each file's size and SHA-256 are checked when it is read ({@link PretrainedCatalog}).
 *
 * <pre>{@code
 * for (PretrainedModel m : PretrainedModels.list()) {
 *     System.out.println(m);   // xnor-resnet20-fashion-mnist (xnor-resnet20 on Fashion-MNIST, input 1x28x28, ...)
 * }
 * PretrainedModel info = PretrainedModels.get("xnor-resnet20-fashion-mnist");
 * try (BnnModel model = PretrainedModels.load("xnor-resnet20-fashion-mnist")) {
 *     float[] probabilities = model.predict(pixels);   // 784 values: 28x28, light on black, in [0, 1]
 *     String label = info.classNames().get(model.classify(pixels));
 * }
 * }</pre>
 *
 * The DL4J networks of the same models come from the zoo: {@code XnorResNet20.builder().build()
 * .initPretrained(ImageDataset.FASHION_MNIST)} (bnn-zoo).
 */
public final class PretrainedModels {
    private static final PretrainedCatalog SHIPPED = PretrainedCatalog.of(PretrainedModels.class.getClassLoader());

    private PretrainedModels() {
    }

    /** The catalog of the class path bnn4j was loaded from. */
    public static PretrainedCatalog catalog() {
        return SHIPPED;
    }

    /** The shipped models (empty if none is). */
    public static List<PretrainedModel> list() {
        return SHIPPED.list();
    }

    /**
     * The metadata of a shipped model.
     *
     * @throws PretrainedModelException if there is no such model (the message lists the shipped ones)
     */
    public static PretrainedModel get(String name) {
        return SHIPPED.get(name);
    }

    /**
     * Loads a shipped packed model on the runtime; close it when done (it may hold worker threads).
     *
     * @throws PretrainedModelException naming the model and file if it is unknown, missing, damaged or invalid
     */
    public static BnnModel load(String name) {
        return SHIPPED.load(name);
    }
}
