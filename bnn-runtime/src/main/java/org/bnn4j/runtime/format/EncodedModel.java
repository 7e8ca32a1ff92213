package org.bnn4j.runtime.format;

/**
 * The bytes of a model file and how many of them are parameter data: per op, the bytes of its tensors' elements
 * (packed weight words, thresholds, scales, float arrays), without tensor headers. The rest of the file is
 * structure: header, op records, tensor headers, checksum.
 *
 * <pre>{@code
 * EncodedModel encoded = ModelWriter.encode(spec);
 * long structure = encoded.bytes().length - encoded.totalParameterBytes();
 * }</pre>
 */
public record EncodedModel(byte[] bytes, long[] parameterBytesPerOp) {

    public long totalParameterBytes() {
        long total = 0;
        for (long b : parameterBytesPerOp) {
            total += b;
        }
        return total;
    }

    public long fileBytes() {
        return bytes.length;
    }
}
