package org.bnn4j.examples.bench;

import org.bnn4j.examples.pretrained.PackedModelSource;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.Profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * {@code ./bnn4j bench --profile MODEL}: one model's single-example time op by op (milliseconds, share, G MAC/s), so
 * the op that holds a model back is obvious. MODEL is a packed file, a shipped pretrained model, or one of the
 * bench's architectures (exported untrained: the time does not depend on the weights).
 */
final class ProfileCommand {
    /** The bench's own architectures, by name. */
    static final String ARCHITECTURES = "xnor-resnet20, mlp-4096, birealnet18, quicknet";

    private ProfileCommand() {
    }

    static void run(String model, int threads, boolean quick) throws Exception {
        try (BnnModel m = load(model).withThreads(threads)) {
            float[] x = new float[m.inputSize()];
            Random r = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            int repetitions = quick ? 10 : 50;
            Profile p = m.profile(x, repetitions);
            System.out.println("profile of " + model + " (input " + m.inputSize() + " values, kernel "
                    + BnnModel.kernel() + ", load average " + MachineInfo.loadAverage() + ")");
            System.out.print(p);
            Profile.Op slowest = p.slowest();
            System.out.printf("slowest: %s (%s), %.3f ms%s%n", slowest.name(), slowest.kind(), slowest.millis(),
                    slowest.macs() == 0 ? "" : String.format(", %.1f G MAC/s", slowest.gigaMacsPerSecond()));
        }
    }

    private static BnnModel load(String model) throws Exception {
        switch (model) {
            case "xnor-resnet20":
                return BnnModel.load(new BenchModels().resnet().exported().bytes());
            case "mlp-4096":
                return BnnModel.load(new BenchModels().mlp(4096).exported().bytes());
            case "birealnet18", "quicknet":
                return BnnModel.load(new BenchModels().imagenet(model).exported().bytes());
            default:
                if (PretrainedModels.list().stream().anyMatch(p -> p.name().equals(model))) {
                    return PretrainedModels.load(model);
                }
                Path file = Path.of(model);
                if (!Files.exists(file)) {
                    String shipped = PretrainedModels.list().stream().map(PretrainedModel::name)
                            .collect(Collectors.joining(", "));
                    throw new IllegalArgumentException("--profile: '" + model + "' is no file, no shipped model ("
                            + shipped + ") and none of " + ARCHITECTURES);
                }
                return PackedModelSource.loadFile(file);
        }
    }
}
