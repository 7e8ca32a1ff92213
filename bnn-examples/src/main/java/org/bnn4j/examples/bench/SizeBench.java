package org.bnn4j.examples.bench;

import org.bnn4j.export.BnnSummary;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model size: the packed file against the binarized network's float32 parameters (what DL4J holds: latent
 * weights, biases, BatchNorm parameters and statistics) and its ModelSerializer zip (without updater state).
 */
final class SizeBench {
    private SizeBench() {
    }

    static Table run(BenchContext ctx) throws IOException {
        Table t = new Table("Model size", "model", "packed file", "float32 parameters", "ModelSerializer zip",
                "float32 / packed", "zip / packed", "binary MAC share");
        for (BenchModels.Trio m : new BenchModels.Trio[]{ctx.models().mlp(1024), ctx.models().mlp(4096), ctx.models().resnet()}) {
            long packed = m.exported().bytes().length;
            long float32 = m.binary().numParams() * 4L;
            long zip = zipBytes(m.binary());
            BnnSummary s = m.exported().summary();
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("model", m.name());
            raw.put("packedBytes", packed);
            raw.put("float32ParamBytes", float32);
            raw.put("zipBytes", zip);
            raw.put("float32OverPacked", (double) float32 / packed);
            raw.put("zipOverPacked", (double) zip / packed);
            raw.put("binaryMacShare", s.binaryMacShare());
            t.row(raw, m.name(), Table.bytes(packed), Table.bytes(float32), Table.bytes(zip),
                    Table.ratio((double) float32 / packed), Table.ratio((double) zip / packed),
                    String.format("%.1f%%", 100 * s.binaryMacShare()));
            if (m.name().endsWith("4096")) {
                ctx.targets().atLeast("MLP-4096 packed file vs float32 parameters", (double) float32 / packed, 25, "x");
            }
        }
        t.note("float32 parameters = numParams() x 4 bytes of the binarized DL4J network (BatchNorm mean and variance included).");
        return t;
    }

    private static long zipBytes(Model net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        return bytes.size();
    }
}
