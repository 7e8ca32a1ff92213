package org.bnn4j.examples.train;

import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.zoo.BiRealNet18;
import org.bnn4j.zoo.BinaryNetMlp;
import org.bnn4j.zoo.OutputLoss;
import org.bnn4j.zoo.QuickNet;
import org.bnn4j.zoo.TtqResNet20;
import org.bnn4j.zoo.XnorResNet20;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The zoo models the command line can train, by their command-line names. */
public enum ModelCatalog {
    BINARYNET_MLP("binarynet-mlp", false),
    XNOR_RESNET20("xnor-resnet20", true),
    TTQ_RESNET20("ttq-resnet20", true),
    /** ImageNet-size; on the command line's small data sets it builds at their size (QuickNet needs 32x32: --pad32). */
    BIREALNET18("birealnet18", true),
    QUICKNET("quicknet", true);

    private final String cliName;
    private final boolean needsImages;

    ModelCatalog(String cliName, boolean needsImages) {
        this.cliName = cliName;
        this.needsImages = needsImages;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the model takes [N, C, H, W] images (else flat feature vectors). */
    public boolean needsImages() {
        return needsImages;
    }

    public static ModelCatalog byName(String name) {
        for (ModelCatalog m : values()) {
            if (m.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown model '" + name + "'; choose one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ModelCatalog::cliName).collect(Collectors.joining(", "));
    }

    /** What the command line decides about a model besides the data's shape. */
    public static final class Options {
        public boolean fullPrecision;
        public long seed = 1234;
        public IUpdater updater;
        public int width = BinaryNetMlp.QUICK_WIDTH;
        public int hiddenLayers = 3;
        public double inputDropout = 0.0;
        public double hiddenDropout = 0.0;
        public OutputLoss outputLoss = OutputLoss.SOFTMAX_CROSS_ENTROPY;
        /** The binary kernels' own updater (Bop), or null. */
        public IUpdater binaryKernelUpdater;
        /** binarynet-mlp: binarized biases. */
        public boolean binarizedBias;
        /** Element-wise gradient clipping threshold of the weight layers; 0: none. */
        public double gradientClipping;
        /** binarynet-mlp: sign (BinaryNet) or ReLU (BinaryConnect) hidden units. */
        public BinaryNetMlp.Activations activations = BinaryNetMlp.Activations.SIGN;
        /** binarynet-mlp: the kernels' quantization. */
        public BinaryNetMlp.Weights weights = BinaryNetMlp.Weights.BINARY;
        /** binarynet-mlp: quantizer of the layer inputs in the weight gradient (quantized back-propagation), or null. */
        public Quantizer backpropInputQuantizer;
        /** binarynet-mlp: clip the quantized kernels' latent weights to [-1, 1]. */
        public boolean weightClipping = true;
        /** binarynet-mlp: BinaryConnect's Glorot-scaled learning rates for the quantized kernels. */
        public boolean glorotKernelLearningRates;
    }

    /** A freshly initialised network for inputs of shape {channels, height, width} and the given classes. */
    public NetworkAdapter create(int[] imageShape, int numClasses, Options o) {
        switch (this) {
            case BINARYNET_MLP:
                return new NetworkAdapter(BinaryNetMlp.builder()
                        .inputSize(imageShape[0] * imageShape[1] * imageShape[2]).numClasses(numClasses)
                        .width(o.width).hiddenLayers(o.hiddenLayers)
                        .inputDropout(o.inputDropout).hiddenDropout(o.hiddenDropout).outputLoss(o.outputLoss)
                        .binaryKernelUpdater(o.binaryKernelUpdater).binarizedBias(o.binarizedBias)
                        .activations(o.activations).weights(o.weights).weightClipping(o.weightClipping)
                        .glorotKernelLearningRates(o.glorotKernelLearningRates)
                        .backpropInputQuantizer(o.backpropInputQuantizer)
                        .gradientClipping(o.gradientClipping)
                        .fullPrecision(o.fullPrecision).seed(o.seed).updater(o.updater)
                        .build().init());
            case XNOR_RESNET20:
                return new NetworkAdapter(XnorResNet20.builder()
                        .inputShape(imageShape.clone()).numClasses(numClasses).gradientClipping(o.gradientClipping)
                        .binaryKernelUpdater(o.binaryKernelUpdater)
                        .outputLoss(o.outputLoss)
                        .fullPrecision(o.fullPrecision).seed(o.seed).updater(o.updater)
                        .build().init());
            case TTQ_RESNET20:
                return new NetworkAdapter(TtqResNet20.builder()
                        .inputShape(imageShape.clone()).numClasses(numClasses).gradientClipping(o.gradientClipping)
                        .outputLoss(o.outputLoss)
                        .fullPrecision(o.fullPrecision).seed(o.seed).updater(o.updater)
                        .build().init());
            case BIREALNET18:
                return new NetworkAdapter(BiRealNet18.builder()
                        .inputShape(imageShape.clone()).numClasses(numClasses).gradientClipping(o.gradientClipping)
                        .binaryKernelUpdater(o.binaryKernelUpdater)
                        .outputLoss(o.outputLoss)
                        .fullPrecision(o.fullPrecision).seed(o.seed).updater(o.updater)
                        .build().init());
            case QUICKNET:
                return new NetworkAdapter(QuickNet.builder()
                        .inputShape(imageShape.clone()).numClasses(numClasses).gradientClipping(o.gradientClipping)
                        .binaryKernelUpdater(o.binaryKernelUpdater)
                        .outputLoss(o.outputLoss)
                        .fullPrecision(o.fullPrecision).seed(o.seed).updater(o.updater)
                        .build().init());
            default:
                throw new IllegalStateException("No factory for " + this);
        }
    }
}
