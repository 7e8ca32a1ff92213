package org.bnn4j.examples.bench;

import org.bnn4j.nn.conf.layers.BatchNorm;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * The same network built from stock DL4J layers: every bnn4j convolution of a (full-precision) graph replaced by
 * DL4J's own {@code ConvolutionLayer} with the same geometry, activation, initialisation and updaters, and every
 * {@link BatchNorm} by DL4J's own {@code BatchNormalization}.
 *
 * <pre>{@code
 * ComputationGraph stock = new ComputationGraph(StockLayers.of(XnorResNet20.builder().fullPrecision(true).build().conf()));
 * }</pre>
 */
final class StockLayers {
    private StockLayers() {
    }

    static ComputationGraphConfiguration of(ComputationGraphConfiguration conf) {
        ComputationGraphConfiguration copy = conf.clone();
        copy.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof XnorConvolutionLayer x) {
                ConvolutionLayer stock = new ConvolutionLayer.Builder(x.getKernelSize(), x.getStride(), x.getPadding())
                        .dilation(x.getDilation()).nIn(x.getNIn()).nOut(x.getNOut()).hasBias(x.hasBias())
                        .convolutionMode(x.getConvolutionMode()).activation(x.getActivationFn()).build();
                stock.setLayerName(x.getLayerName());
                stock.setIUpdater(x.getIUpdater());
                stock.setBiasUpdater(x.getBiasUpdater());
                stock.setWeightInitFn(x.getWeightInitFn());
                stock.setBiasInit(x.getBiasInit());
                stock.setRegularization(x.getRegularization());
                stock.setRegularizationBias(x.getRegularizationBias());
                lv.getLayerConf().setLayer(stock);
            } else if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNorm bn) {
                lv.getLayerConf().setLayer(bn.toDl4j());
            }
        });
        return copy;
    }
}
