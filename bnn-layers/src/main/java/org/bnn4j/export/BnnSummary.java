package org.bnn4j.export;

import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.SourceLayer;
import org.bnn4j.runtime.BnnFormatException;
import org.bnn4j.runtime.format.EncodedModel;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelValidator;
import org.bnn4j.runtime.format.ValueShape;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an export produces, op by op, in the manner of Larq's model summary: the DL4J layers folded into each op,
 * their parameters by precision, their size as float32 and as packed in the file, and the multiply-accumulates
 * per example done with XNOR/popcount (binary or ternary weights on sign inputs) or in floating point. The packed
 * sizes are the bytes of each op's tensors in the file; {@link #fileBytes()} is the whole file, so
 * {@code fileBytes() - packedBytes()} is the format's structure (header, op records, tensor headers, checksum).
 *
 * <pre>{@code
 * BnnSummary s = BnnSummary.of(net);          // or the return value of BnnExporter.export
 * System.out.println(s);
 * double ratio = s.compressionRatio();        // float32 size / packed size
 * }</pre>
 */
public final class BnnSummary {

    /** One exported op. MACs are per example. */
    public record Row(String op, String kind, List<String> layers, ValueShape output, long binaryParams,
                      long ternaryParams, long floatParams, long float32Bytes, long packedBytes, long binaryMacs,
                      long floatMacs) {
        public long params() {
            return binaryParams + ternaryParams + floatParams;
        }
    }

    private final List<Row> rows;
    private final long fileBytes;

    private BnnSummary(List<Row> rows, long fileBytes) {
        this.rows = List.copyOf(rows);
        this.fileBytes = fileBytes;
    }

    public static BnnSummary of(MultiLayerNetwork net) {
        return BnnExporter.convert(net, null).summary();
    }

    public static BnnSummary of(MultiLayerNetwork net, InputType inputType) {
        return BnnExporter.convert(net, inputType).summary();
    }

    public static BnnSummary of(ComputationGraph net, InputType inputType) {
        return BnnExporter.convert(net, inputType).summary();
    }

    /** @param graph the rewritten graph whose node {@code i} is op {@code i} of {@code spec} */
    static BnnSummary of(ExportGraph graph, ModelSpec spec, EncodedModel encoded) {
        List<ValueShape> shapes;
        try {
            shapes = ModelValidator.validate(spec);
        } catch (BnnFormatException e) {
            throw new IllegalStateException("the exporter produced an invalid model: " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            ExportNode n = graph.nodes().get(i);
            ValueShape out = shapes.get(i + 1);
            long binary = 0, ternary = 0, floats = 0;
            for (SourceLayer s : n.sources()) {
                binary += s.binaryParams();
                ternary += s.ternaryParams();
                floats += s.floatParams();
            }
            long binaryMacs = 0, floatMacs = 0;
            if (n.op() instanceof LinearNode l) {
                long macs = l.reductionLength() * out.size();
                if (l.binaryArithmetic()) {
                    binaryMacs = macs;
                } else {
                    floatMacs = macs;
                }
            }
            List<String> layers = n.sources().stream().map(SourceLayer::name).collect(Collectors.toList());
            rows.add(new Row(n.name(), n.op().describe(), layers, out, binary, ternary, floats,
                    4 * (binary + ternary + floats), encoded.parameterBytesPerOp()[i], binaryMacs, floatMacs));
        }
        return new BnnSummary(rows, encoded.fileBytes());
    }

    public List<Row> rows() {
        return rows;
    }

    public long binaryParams() {
        return rows.stream().mapToLong(Row::binaryParams).sum();
    }

    public long ternaryParams() {
        return rows.stream().mapToLong(Row::ternaryParams).sum();
    }

    public long floatParams() {
        return rows.stream().mapToLong(Row::floatParams).sum();
    }

    public long params() {
        return binaryParams() + ternaryParams() + floatParams();
    }

    /** Size of all parameters as float32, as DL4J holds them. */
    public long float32Bytes() {
        return 4 * params();
    }

    /** Bytes of parameter data in the file (packed bits, thresholds, scales, float arrays). */
    public long packedBytes() {
        return rows.stream().mapToLong(Row::packedBytes).sum();
    }

    /** Size of the whole file. */
    public long fileBytes() {
        return fileBytes;
    }

    /** Float32 size over packed size. */
    public double compressionRatio() {
        return packedBytes() == 0 ? 0 : (double) float32Bytes() / packedBytes();
    }

    public long binaryMacs() {
        return rows.stream().mapToLong(Row::binaryMacs).sum();
    }

    public long floatMacs() {
        return rows.stream().mapToLong(Row::floatMacs).sum();
    }

    /** Share of multiply-accumulates done with XNOR and popcount, 0 to 1. */
    public double binaryMacShare() {
        long all = binaryMacs() + floatMacs();
        return all == 0 ? 0 : (double) binaryMacs() / all;
    }

    public void print(PrintStream out) {
        out.print(this);
    }

    @Override
    public String toString() {
        String[] header = {"op", "DL4J layers", "kind", "output", "binary", "ternary", "float", "float32", "packed",
                "binary MACs", "float MACs"};
        List<String[]> table = new ArrayList<>();
        table.add(header);
        for (Row r : rows) {
            table.add(new String[]{r.op(), r.layers().isEmpty() ? "-" : String.join(" + ", r.layers()), r.kind(),
                    r.output().toString(), count(r.binaryParams()), count(r.ternaryParams()), count(r.floatParams()),
                    bytes(r.float32Bytes()), bytes(r.packedBytes()), count(r.binaryMacs()), count(r.floatMacs())});
        }
        int[] width = new int[header.length];
        for (String[] row : table) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder("bnn4j packed model summary\n");
        String rule = rule(width);
        sb.append(rule);
        for (int i = 0; i < table.size(); i++) {
            sb.append(line(table.get(i), width));
            if (i == 0) {
                sb.append(rule);
            }
        }
        sb.append(rule);
        sb.append(String.format(Locale.ROOT, "Parameters: %s (binary %s, ternary %s, float %s)%n", count(params()),
                count(binaryParams()), count(ternaryParams()), count(floatParams())));
        sb.append(String.format(Locale.ROOT, "Size: float32 %s, packed %s (compression %.1fx); file %s including %s of "
                        + "structure%n", bytes(float32Bytes()), bytes(packedBytes()), compressionRatio(), bytes(fileBytes()),
                bytes(fileBytes() - packedBytes())));
        sb.append(String.format(Locale.ROOT, "MACs per example: %s binary (XNOR/popcount), %s float; %.1f%% binary%n",
                count(binaryMacs()), count(floatMacs()), 100 * binaryMacShare()));
        return sb.toString();
    }

    private static String rule(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) {
            boolean number = c >= 4;
            String cell = number ? " ".repeat(width[c] - cells[c].length()) + cells[c]
                    : cells[c] + " ".repeat(width[c] - cells[c].length());
            sb.append(' ').append(cell).append(" |");
        }
        return sb.append('\n').toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes in B, KiB or MiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MiB", n / (1024.0 * 1024));
    }
}
