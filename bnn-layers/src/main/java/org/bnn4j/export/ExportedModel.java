package org.bnn4j.export;

import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.runtime.format.EncodedModel;
import org.bnn4j.runtime.format.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The result of exporting a network: the rewritten graph, the format's description of it, the file bytes and
 * the summary, whose packed size is counted from these very bytes.
 *
 * <pre>{@code
 * ExportedModel m = BnnExporter.convert(net, null);
 * m.writeTo(Path.of("model.bnn"));
 * BnnModel runtime = BnnModel.load(m.bytes());
 * }</pre>
 */
public record ExportedModel(ExportGraph graph, ModelSpec spec, EncodedModel encoded, BnnSummary summary) {

    public byte[] bytes() {
        return encoded.bytes().clone();
    }

    public void writeTo(Path file) throws IOException {
        Files.write(file, encoded.bytes());
    }
}
