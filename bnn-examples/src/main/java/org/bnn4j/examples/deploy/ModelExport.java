package org.bnn4j.examples.deploy;

import org.bnn4j.examples.train.DataMetadata;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.export.BnnExporter;
import org.bnn4j.export.BnnSummary;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.Layout;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Exports a trained network to the packed format, with the input shape recorded at training time. */
public final class ModelExport {
    private ModelExport() {
    }

    /**
     * @param metadata how the network's inputs were prepared; needed for image networks (DL4J does not store
     *                 an image input's size), optional for flat inputs
     */
    public static BnnSummary export(NetworkAdapter network, Optional<DataMetadata> metadata, Path out) throws IOException {
        InputType inputType = metadata.filter(m -> m.layout != Layout.FLAT).map(ModelExport::imageType).orElse(null);
        if (network.model() instanceof MultiLayerNetwork m) {
            return BnnExporter.export(m, inputType, out);
        }
        if (inputType == null) {
            throw new IllegalArgumentException("This ComputationGraph's input size is unknown: it was not saved by "
                    + "./bnn4j train, which records it");
        }
        return BnnExporter.export((ComputationGraph) network.model(), inputType, out);
    }

    private static InputType imageType(DataMetadata m) {
        ImageDataset d = ImageDataset.fromId(m.dataset);
        int h = m.padTo > 0 ? m.padTo : d.height();
        int w = m.padTo > 0 ? m.padTo : d.width();
        return InputType.convolutional(h, w, d.channels(), m.layout == Layout.NHWC ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
    }
}
