package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.nn.BatchNormUpgrade;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A resumable training checkpoint, {@code checkpoint.zip} in the run's directory: a ModelSerializer zip with the
 * updater state (Adam's moments, Bop's), the input preparation and, in one more entry, the run's command line,
 * a signature of its network configuration and its {@link TrainingState}, and with Deep Frank-Wolfe its momentum
 * ({@link MomentumEntry}). One file, written atomically, so the
 * network and the position it belongs to are never out of step.
 *
 * <pre>{@code
 * Checkpoint.write(dir, network, metadata, new Checkpoint.Run(args, signature), state);
 * Checkpoint c = Checkpoint.read(dir); // ModelFileException if missing or damaged
 * }</pre>
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.zip";
    static final String KEY = "bnn4j-checkpoint.properties";
    private static final int MAX_ENTRY_BYTES = 1 << 20;

    /** What identifies a run: the command line it was started with and its network configuration's signature. */
    public static final class Run {
        public final List<String> args;
        public final String signature;

        public Run(List<String> args, String signature) {
            this.args = List.copyOf(args);
            this.signature = signature;
        }
    }

    public final Path file;
    public final Run run;
    public final TrainingState state;
    /** The network with its updater state, ready to continue. */
    public final NetworkAdapter network;
    /** Deep Frank-Wolfe's momentum buffers when the run trains with DFW (empty otherwise). */
    public final Map<String, INDArray> dfwMomentum;

    private Checkpoint(Path file, Run run, TrainingState state, NetworkAdapter network, Map<String, INDArray> dfwMomentum) {
        this.file = file;
        this.dfwMomentum = dfwMomentum;
        this.run = run;
        this.state = state;
        this.network = network;
    }

    public static void write(Path dir, NetworkAdapter network, DataMetadata metadata, Run run, TrainingState state)
            throws IOException {
        Properties p = state.toProperties();
        p.setProperty("signature", run.signature);
        p.setProperty("args.size", Integer.toString(run.args.size()));
        for (int i = 0; i < run.args.size(); i++) {
            p.setProperty("args." + i, run.args.get(i));
        }
        StringWriter w = new StringWriter();
        p.store(w, "bnn4j training checkpoint");
        AtomicFiles.write(dir.resolve(FILE), tmp -> {
            ModelSerializer.writeModel(network.model(), tmp.toFile(), true);
            if (metadata != null) {
                metadata.writeTo(tmp.toFile());
            }
            ModelSerializer.addObjectToFile(tmp.toFile(), KEY, w.toString());
            if (network.deepFrankWolfe() != null) {
                addEntry(tmp, MomentumEntry.NAME, MomentumEntry.encode(network.deepFrankWolfe().momentumState()));
            }
        });
    }

    /** Whether {@code dir} holds a checkpoint file (readable or not). */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    /** @throws ModelFileException naming the file: missing, not a checkpoint, or damaged */
    public static Checkpoint read(Path dir) {
        Record record = readRecord(dir);
        Path file = record.file();
        // checks configuration and parameters first, with messages that name what is wrong
        Model checked = ModelZipReader.restore(file);
        boolean graph = checked instanceof ComputationGraph;
        Optional<byte[]> momentum;
        try (ModelZipFile zip = ModelZipFile.open(file)) {
            // float32 per parameter at most, plus names and shapes
            momentum = zip.bytes(MomentumEntry.NAME, (int) Math.min(Integer.MAX_VALUE - 8, 4L * checked.numParams() + MAX_ENTRY_BYTES));
        }
        Map<String, INDArray> dfwMomentum = momentum.map(b -> MomentumEntry.decode(b, file)).orElse(Collections.emptyMap());
        return new Checkpoint(file, record.run(), record.state(), new NetworkAdapter(withUpdater(file, graph)), dfwMomentum);
    }

    /** Adds a raw entry to a zip (ModelSerializer's own way stores Java-serialized objects, which we never read). */
    private static void addEntry(Path zip, String name, byte[] content) throws IOException {
        Path copy = zip.resolveSibling(zip.getFileName() + ".entry");
        try {
            try (ZipFile in = new ZipFile(zip.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(content);
                out.closeEntry();
            }
            Files.move(copy, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(copy); // only left when something failed
        }
    }

    /** A checkpoint's run and training state, without its network: what a report of the run needs. */
    public record Record(Path file, Run run, TrainingState state) {
    }

    /**
     * The run's command line and training state (epochs done, history) from its checkpoint, without restoring the
     * network.
     *
     * @throws ModelFileException naming the file: missing, not a checkpoint, or damaged
     */
    public static Record readRecord(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "does not exist: " + dir + " holds no checkpoint to resume"
                    + " (train writes one at the end of every epoch)");
        }
        Properties p = properties(file);
        try {
            int n = Integer.parseInt(p.getProperty("args.size", "-1"));
            List<String> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(TrainingState.value(p, "args." + i));
            }
            if (n < 0) {
                throw new IllegalArgumentException("no args.size");
            }
            return new Record(file, new Run(args, TrainingState.value(p, "signature")), TrainingState.fromProperties(p));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "its " + KEY + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static Properties properties(Path file) {
        Optional<byte[]> stored;
        try (ModelZipFile zip = ModelZipFile.open(file)) {
            stored = zip.bytes("objects/" + KEY, MAX_ENTRY_BYTES);
        }
        if (stored.isEmpty()) {
            throw new ModelFileException(file, "is a model zip but not a training checkpoint (no " + KEY + ")");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(SerializedString.decode(stored.get())));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "its " + KEY + " is damaged (" + e.getMessage() + ")", e);
        }
        return p;
    }

    private static Model withUpdater(Path file, boolean graph) {
        try {
            // Checkpoints written before BatchNorm existed resume on it too (same parameters and updater state).
            return BatchNormUpgrade.of(graph ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true));
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "its updater state cannot be restored (" + e + ")", e);
        }
    }
}
