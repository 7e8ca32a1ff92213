package org.bnn4j.examples.pretrained;

import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.params.ParamKeys;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces the latent float weights of every quantized kernel by the kernel the layer computes with (e.g. ±1 for
 * BinaryNet's sign, ±alpha per channel for XNOR's): values with two or three distinct numbers per channel, which
 * the zip's deflate stores in a fraction of the bytes (a BinaryNet MLP 3x1024's 11.6 MB of float32 kernels shrink
 * to well under 1 MB). Quantizing a quantized kernel gives it back, so inference is unchanged; the packaging step
 * checks that on every test output, bit for bit, before it ships such a network. Fine-tuning then starts from the
 * quantized values instead of the trained latent weights.
 *
 * <pre>{@code
 * int replaced = QuantizedLatents.replace(network);   // layers whose "W" now holds its inference kernel
 * }</pre>
 */
public final class QuantizedLatents {
    private QuantizedLatents() {
    }

    /** @return how many layers' kernels were replaced */
    public static int replace(Model model) {
        Layer[] layers = model instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) model).getLayers();
        int replaced = 0;
        for (Layer layer : layers) {
            if (layer.conf().getLayer() instanceof QuantizedLayer q && q.getKernelQuantizer() != null
                    && q.getKernelQuantizer().precision() < 32) {
                INDArray kernel = q.inferenceKernel(layer.paramTable()).values();
                layer.getParam(ParamKeys.KERNEL).assign(kernel); // a view of the flat parameters: the zip sees it
                replaced++;
            }
        }
        return replaced;
    }
}
