package org.bnn4j.pretrained;

/**
 * A pretrained model cannot be used: no model of that name is shipped, or one of its files is missing from the class
 * path, has another size or another SHA-256 than its metadata records, or is not a valid model. The message names
 * the model and the file.
 *
 * <pre>{@code
 * try (BnnModel m = PretrainedModels.load("xnor-resnet20-fashion-mnist")) {
 *     ...
 * } catch (PretrainedModelException e) {
 *     // "pretrained model xnor-resnet20-fashion-mnist: org/bnn4j/pretrained/xnor-resnet20-fashion-mnist.bnn
 *     //  has SHA-256 3f1a..., expected 9c0d...: the file is damaged"
 * }
 * }</pre>
 */
public class PretrainedModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String model;

    public PretrainedModelException(String model, String problem) {
        this(model, problem, null);
    }

    public PretrainedModelException(String model, String problem, Throwable cause) {
        super("pretrained model " + model + ": " + problem, cause);
        this.model = model;
    }

    /** The name of the model the problem is about. */
    public String getModel() {
        return model;
    }
}
