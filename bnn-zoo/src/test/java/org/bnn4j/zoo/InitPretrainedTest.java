package org.bnn4j.zoo;

import org.bnn4j.pretrained.PretrainedModelException;
import org.bnn4j.zoo.data.ImageDataset;
import org.deeplearning4j.zoo.PretrainedType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** What initPretrained answers for models and data sets bnn4j ships nothing for (the shipped ones: bnn-tests). */
class InitPretrainedTest {
    @Test
    void namesAreTheModelAndTheDataSet() {
        assertEquals("xnor-resnet20-fashion-mnist", XnorResNet20.builder().build().pretrainedName(ImageDataset.FASHION_MNIST));
        assertEquals("binarynet-mlp-mnist", BinaryNetMlp.builder().build().pretrainedName(ImageDataset.MNIST));
    }

    @Test
    void aModelThatIsNotShippedIsAClearError() {
        XnorResNet20 twin = XnorResNet20.builder().fullPrecision(true).build();
        assertFalse(twin.pretrainedAvailable(ImageDataset.FASHION_MNIST));
        PretrainedModelException e = assertThrows(PretrainedModelException.class,
                () -> twin.initPretrained(ImageDataset.FASHION_MNIST));
        assertTrue(e.getMessage().startsWith("pretrained model xnor-resnet20-fp-fashion-mnist: no such model"), e.getMessage());
    }

    @Test
    void dl4jPretrainedTypesWithoutABnn4jDataSetAreRefused() {
        TtqResNet20 ttq = TtqResNet20.builder().build();
        assertFalse(ttq.pretrainedAvailable(PretrainedType.IMAGENET));
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> ttq.initPretrained(PretrainedType.IMAGENET));
        assertTrue(e.getMessage().contains("bnn4j ships no IMAGENET models; use initPretrained(ImageDataset)"), e.getMessage());
        assertThrows(PretrainedModelException.class, ttq::initPretrained, "DL4J's no-argument form means ImageNet");
    }
}
