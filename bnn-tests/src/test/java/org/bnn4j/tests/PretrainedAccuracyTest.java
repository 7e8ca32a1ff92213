package org.bnn4j.tests;

import org.bnn4j.examples.deploy.RuntimeEvaluation;
import org.bnn4j.examples.train.LabeledData;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.BinaryNetMlp;
import org.bnn4j.zoo.BnnZooModel;
import org.bnn4j.zoo.TtqResNet20;
import org.bnn4j.zoo.XnorResNet20;
import org.bnn4j.zoo.data.DataDirectory;
import org.bnn4j.zoo.data.ImageDataIterator;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.ImageIteratorBuilder;
import org.bnn4j.zoo.data.Layout;
import org.bnn4j.zoo.data.Normalization;
import org.bnn4j.zoo.data.Split;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.evaluation.classification.Evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every shipped model scores exactly the test accuracy its metadata states, on the data set's full test set: the
 * packed model on the runtime, and the DL4J network the zoo's {@code initPretrained} returns (evaluation is
 * deterministic, so the same count of right answers). Skipped when the data set is not in the data directory
 * ({@code scripts/fetch-data.sh}, {@code $BNN4J_DATA}).
 */
class PretrainedAccuracyTest {
    private static final Path ROOT = DataDirectory.resolve(null);

    @TestFactory
    Stream<DynamicTest> theRuntimeScoresTheStatedAccuracy() {
        return PretrainedModels.list().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            LabeledData test = testSet(m);
            try (BnnModel model = PretrainedModels.load(m.name())) {
                RuntimeEvaluation r = RuntimeEvaluation.of(model, test);
                assertEquals(m.testExamples(), r.examples);
                assertEquals(m.runtimeCorrect(), r.correct, m.name() + " on the runtime");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> initPretrainedScoresTheStatedAccuracy() {
        return PretrainedModels.list().stream().filter(m -> m.dl4jFile().isPresent())
                .map(m -> DynamicTest.dynamicTest(m.name(), () -> {
                    LabeledData test = testSet(m);
                    Model network = zooModel(m.model()).initPretrained(ImageDataset.fromId(m.dataset()));
                    Evaluation e = new NetworkAdapter(network).evaluate(test.iterator(), test.classNames());
                    assertEquals(m.testExamples(), e.getNumRowCounter());
                    int correct = e.truePositives().values().stream().mapToInt(Integer::intValue).sum();
                    assertEquals(m.dl4jCorrect(), correct, m.name() + " from initPretrained on DL4J");
                }));
    }

    static BnnZooModel zooModel(String name) {
        switch (name) {
            case "binarynet-mlp": return BinaryNetMlp.builder().build();
            case "xnor-resnet20": return XnorResNet20.builder().build();
            case "ttq-resnet20": return TtqResNet20.builder().build();
            default: throw new IllegalArgumentException("no zoo model " + name);
        }
    }

    /** The test set prepared as the metadata says; skips the test when the data set is absent. */
    static LabeledData testSet(PretrainedModel m) {
        ImageDataset dataset = ImageDataset.fromId(m.dataset());
        Path dir = dataset.directory(ROOT);
        assumeTrue(Files.exists(dir.resolve("t10k-images-idx3-ubyte")) || Files.exists(dir.resolve("t10k-images-idx3-ubyte.gz")),
                dataset.id() + " not in " + dir + "; run scripts/fetch-data.sh");
        ImageIteratorBuilder b = dataset.builder().dataDir(ROOT).split(Split.TEST).batchSize(500)
                .normalization(m.rangeMin() < 0 ? Normalization.MINUS_ONE_TO_ONE : Normalization.ZERO_TO_ONE)
                .layout(m.inputShape().length == 3 ? Layout.NCHW : Layout.FLAT);
        if (m.padTo() > 0) {
            b.padTo(m.padTo());
        }
        ImageDataIterator it = b.build();
        return new LabeledData(it, it.numExamples(), dataset.classNames());
    }
}
