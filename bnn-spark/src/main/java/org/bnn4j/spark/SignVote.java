package org.bnn4j.spark;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The combine rule for binary weights trained by Bop: a majority vote of the workers' signs. Given the mean of N
 * workers' ±1 weights (what parameter averaging computes) and the weights every worker started the round from, the
 * combined weight is +1 where more workers hold +1, -1 where more hold -1, and the previous sign on a tie (possible
 * for an even N): a tie is no majority for a flip. The mean of ±1 values is exact in float32 (integer sums far below
 * 2^24, divided once), so a tie is exactly 0.
 *
 * <pre>{@code
 * INDArray previous = Nd4j.createFromArray(1f, 1f, -1f, -1f);
 * INDArray mean     = Nd4j.createFromArray(0.5f, 0f, 0f, -1f); // 4 workers
 * SignVote.combine(previous, mean);                             // mean is now [1, 1, -1, -1]
 * }</pre>
 */
public final class SignVote {
    private SignVote() {
    }

    /**
     * Replaces {@code mean} in place by the vote's result.
     *
     * @param previous the ±1 weights the round started from (read only)
     * @param mean     the workers' mean weights, of the same shape; overwritten with ±1
     * @return {@code mean}
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray combine(INDArray previous, INDArray mean) {
        if (!Arrays.equals(previous.shape(), mean.shape())) {
            throw new IllegalArgumentException("SignVote: previous weights " + Arrays.toString(previous.shape())
                    + " and mean " + Arrays.toString(mean.shape()) + " differ in shape");
        }
        INDArray tie = mean.eq(0).castTo(mean.dataType());
        Transforms.sign(mean, false);                 // +1 / -1 where there is a majority, 0 on a tie
        return mean.addi(tie.muli(previous));         // a tie keeps the previous sign
    }
}
