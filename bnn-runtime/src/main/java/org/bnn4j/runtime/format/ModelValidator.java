package org.bnn4j.runtime.format;

import org.bnn4j.runtime.BnnFormatException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every rule of the format that goes beyond byte syntax (shapes, sizes, bit-plane invariants, value
 * references) and works out the shape of every value. The reader runs it on what it decoded and the writer on
 * what it is asked to write, so no invalid model is loaded or produced.
 *
 * <pre>{@code
 * List<ValueShape> shapes = ModelValidator.validate(spec);   // shapes.get(0) is the input's
 * }</pre>
 */
public final class ModelValidator {
    private final ModelSpec spec;
    private final List<ValueShape> shapes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int opIndex = -1;
    private OpSpec op;

    private ModelValidator(ModelSpec spec) {
        this.spec = spec;
    }

    /**
     * @return the shape of every value: index 0 the input, index {@code i + 1} the output of op {@code i}
     * @throws BnnFormatException naming the op and the rule it breaks
     */
    public static List<ValueShape> validate(ModelSpec spec) throws BnnFormatException {
        return new ModelValidator(spec).run();
    }

    private List<ValueShape> run() throws BnnFormatException {
        if (spec.producer() == null || utf8Length(spec.producer()) > Format.MAX_STRING_BYTES) {
            throw new BnnFormatException("producer string missing or longer than " + Format.MAX_STRING_BYTES + " bytes");
        }
        if (spec.inputShape() == null) {
            throw new BnnFormatException("missing input shape");
        }
        shapes.add(checkSize(spec.inputShape(), "the model input"));
        if (spec.ops().isEmpty() || spec.ops().size() > Format.MAX_OPS) {
            throw new BnnFormatException("a model has 1 to " + Format.MAX_OPS + " ops, this one has " + spec.ops().size());
        }
        for (OpSpec next : spec.ops()) {
            opIndex++;
            op = next;
            checkNameAndInputs();
            shapes.add(checkSize(op.accept(outputShapes), "its output"));
        }
        return List.copyOf(shapes);
    }

    /** Each op's own rules; returns the shape of its output. */
    private final OpSpec.Visitor<ValueShape, BnnFormatException> outputShapes = new OutputShapes();

    private final class OutputShapes implements OpSpec.Visitor<ValueShape, BnnFormatException> {
        @Override
        public ValueShape linear(LinearSpec l) throws BnnFormatException {
            ValueShape in = shapes.get(l.input());
            if (l.nOut() < 1 || l.nIn() < 1) {
                throw fail("nOut and nIn must be positive, got nOut=" + l.nOut() + ", nIn=" + l.nIn());
            }
            if (l.inputMode() == null || l.weights() == null || l.stage() == null) {
                throw fail("input mode, weights and output stage are required");
            }
            String groupsError = groupsError(l.nOut(), l.nIn(), l.groups(), l.isConvolution());
            if (groupsError != null) {
                throw fail(groupsError);
            }
            ValueShape out;
            if (l.isConvolution()) {
                if (!in.isImage() || in.channels() != l.nIn()) {
                    throw fail("expects an image input with " + l.nIn() + " channels, got shape " + in);
                }
                checkWindow(l.window());
                if (l.padValue() < -1 || l.padValue() > 1) {
                    throw fail("padValue must be 0, +1 or -1, got " + l.padValue());
                }
                out = outputImage(l.nOut(), l.window(), in);
            } else {
                if (in.rank() != 1 || in.channels() != l.nIn()) {
                    throw fail("expects a vector input of " + l.nIn() + " features, got shape " + in
                            + (in.size() == l.nIn() ? " (add a RESHAPE to flatten it)" : ""));
                }
                if (l.padValue() != 0) {
                    throw fail("a dense op has no padding; padValue must be 0, got " + l.padValue());
                }
                out = ValueShape.vector(l.nOut());
            }
            if (l.reductionLength() > Format.MAX_REDUCTION) {
                throw fail("reduction length nIn / groups * taps = " + l.reductionLength() + " exceeds "
                        + Format.MAX_REDUCTION);
            }
            checkWeights(l);
            checkStage(l);
            return out;
        }

        @Override
        public ValueShape affine(AffineSpec a) throws BnnFormatException {
            ValueShape in = shapes.get(a.input());
            requireLength("mul", a.mul(), in.channels());
            requireLength("add", a.add(), in.channels());
            return in;
        }

        @Override
        public ValueShape activation(ActivationSpec a) throws BnnFormatException {
            ValueShape in = shapes.get(a.input());
            if (a.kind() == null) {
                throw fail("missing activation kind");
            }
            if (a.kind() == ActivationKind.SOFTMAX && in.rank() != 1) {
                throw fail("softmax needs a vector input, got shape " + in);
            }
            if (a.kind() == ActivationKind.CLAMP && !(a.a() <= a.b())) {
                throw fail("clamp bounds must satisfy lo <= hi, got [" + a.a() + ", " + a.b() + "]");
            }
            if (a.kind() == ActivationKind.LEAKY_RELU && Float.isNaN(a.a())) {
                throw fail("leaky ReLU slope is NaN");
            }
            return in;
        }

        @Override
        public ValueShape pool(PoolSpec p) throws BnnFormatException {
            ValueShape in = imageInput(p.input());
            if (p.kind() != PoolKind.MAX && p.kind() != PoolKind.AVG) {
                throw fail("pool kind must be MAX or AVG, got " + p.kind());
            }
            if (p.kind() == PoolKind.MAX && p.divideByValidCount()) {
                throw fail("the divisor flag is only meaningful for AVG pooling; it must be 0 for MAX");
            }
            checkWindow(p.window());
            ValueShape out = outputImage(in.channels(), p.window(), in);
            Window w = p.window();
            if (!everyWindowSeesInput(out.height(), in.height(), w.kernelHeight(), w.strideHeight(), w.dilationHeight(), w.padTop())
                    || !everyWindowSeesInput(out.width(), in.width(), w.kernelWidth(), w.strideWidth(), w.dilationWidth(), w.padLeft())) {
                throw fail("some pooling windows lie entirely in the padding (" + w + ", input " + in + ")");
            }
            return out;
        }

        @Override
        public ValueShape globalPool(GlobalPoolSpec g) throws BnnFormatException {
            ValueShape in = imageInput(g.input());
            if (g.kind() == null) {
                throw fail("missing pool kind");
            }
            return ValueShape.vector(in.channels());
        }

        @Override
        public ValueShape add(AddSpec a) throws BnnFormatException {
            ValueShape first = shapes.get(a.inputs()[0]);
            for (int id : a.inputs()) {
                if (!shapes.get(id).equals(first)) {
                    throw fail("all inputs must have the same shape, got " + first + " and " + shapes.get(id));
                }
            }
            return first;
        }

        @Override
        public ValueShape reshape(ReshapeSpec r) throws BnnFormatException {
            ValueShape in = shapes.get(r.input());
            if (r.shape() == null || r.shape().size() != in.size()) {
                throw fail("cannot reshape " + in + " (" + in.size() + " elements) to " + r.shape());
            }
            return r.shape();
        }

        @Override
        public ValueShape transpose(TransposeSpec t) throws BnnFormatException {
            ValueShape in = imageInput(t.input());
            int[] axes = t.axes();
            boolean[] seen = new boolean[3];
            boolean permutation = axes.length == 3;
            for (int i = 0; permutation && i < 3; i++) {
                permutation = axes[i] >= 0 && axes[i] < 3 && !seen[axes[i]];
                if (permutation) {
                    seen[axes[i]] = true;
                }
            }
            if (!permutation) {
                throw fail("axes " + java.util.Arrays.toString(axes) + " are not a permutation of the input's 3 axes");
            }
            return t.outputShape(in);
        }
    }

    private ValueShape imageInput(int id) throws BnnFormatException {
        ValueShape in = shapes.get(id);
        if (!in.isImage()) {
            throw fail("expects an image input, got shape " + in);
        }
        return in;
    }

    private void checkNameAndInputs() throws BnnFormatException {
        String name = op.name();
        if (name == null || name.isEmpty() || utf8Length(name) > Format.MAX_STRING_BYTES) {
            throw fail("the name must have 1 to " + Format.MAX_STRING_BYTES + " bytes of UTF-8");
        }
        if (!names.add(name)) {
            throw fail("the name is used by an earlier op too; op names must be unique");
        }
        int[] inputs = op.inputs();
        if (!op.opCode().acceptsInputs(inputs.length)) {
            throw fail("takes " + op.opCode().arity() + ", got " + inputs.length);
        }
        for (int id : inputs) {
            if (id < 0 || id > opIndex) {
                throw fail("input value id " + id + " is not defined before this op (valid: 0 to " + opIndex + ")");
            }
        }
    }

    /**
     * The groups rule, shared with the reader (which needs it before it can size the weights): at least 1, dividing
     * nIn and nOut; a dense op has 1.
     *
     * @return what is wrong, or null
     */
    static String groupsError(int nOut, int nIn, int groups, boolean convolution) {
        if (!convolution) {
            return groups == 1 ? null : "a dense op has no groups; groups must be 1, got " + groups;
        }
        if (groups < 1) {
            return "groups must be at least 1, got " + groups;
        }
        if (nIn % groups != 0 || nOut % groups != 0) {
            return "groups " + groups + " must divide nIn and nOut, got nIn=" + nIn + ", nOut=" + nOut;
        }
        return null;
    }

    private void checkWeights(LinearSpec l) throws BnnFormatException {
        int rowChannels = l.channelsPerGroup();
        long elements = TensorDims.elements(TensorDims.weights(l));
        l.weights().accept(new Weights.Visitor<Void, BnnFormatException>() {
            @Override
            public Void float32(Weights.Float32 f) throws BnnFormatException {
                requireLength("float weights", f.values(), elements);
                return null;
            }

            @Override
            public Void binary(Weights.Binary b) throws BnnFormatException {
                checkPlane("binary weights", b.words(), elements, rowChannels);
                return null;
            }

            @Override
            public Void ternary(Weights.Ternary t) throws BnnFormatException {
                checkPlane("ternary plus plane", t.plus(), elements, rowChannels);
                checkPlane("ternary minus plane", t.minus(), elements, rowChannels);
                for (int i = 0; i < t.plus().length; i++) {
                    if ((t.plus()[i] & t.minus()[i]) != 0) {
                        throw fail("ternary weight word " + i + " is marked both +1 and -1; the planes must be disjoint");
                    }
                }
                if ((t.positiveScales() == null) != (t.negativeScales() == null)) {
                    throw fail("ternary scales come in pairs (wp and wn) or not at all");
                }
                if (t.scaled()) {
                    requireLength("ternary wp scales", t.positiveScales(), l.nOut());
                    requireLength("ternary wn scales", t.negativeScales(), l.nOut());
                }
                return null;
            }
        });
    }

    private void checkPlane(String what, long[] words, long length, int rowLength) throws BnnFormatException {
        requireLength(what, words, length);
        int row = BitPacking.firstRowWithPadBits(words, rowLength);
        if (row >= 0) {
            throw fail(what + ": row " + row + " has pad bits set past element " + rowLength + "; pad bits must be 0");
        }
    }

    private void checkStage(LinearSpec l) throws BnnFormatException {
        l.stage().accept(new OutputStage.Visitor<Void, BnnFormatException>() {
            @Override
            public Void affine(OutputStage.Affine a) throws BnnFormatException {
                requireLength("affine mul", a.mul(), l.nOut());
                requireLength("affine add", a.add(), l.nOut());
                return null;
            }

            @Override
            public Void intThresholds(OutputStage.IntThresholds t) throws BnnFormatException {
                if (!l.integerAccumulator()) {
                    throw fail("int32 thresholds need an integer accumulator (" + LinearSpec.INTEGER_ACCUMULATOR_RULE
                            + "); use float32 thresholds");
                }
                thresholds(t.thresholds(), t.flip());
                return null;
            }

            @Override
            public Void floatThresholds(OutputStage.FloatThresholds t) throws BnnFormatException {
                if (l.integerAccumulator()) {
                    throw fail("the accumulator is an integer (" + LinearSpec.INTEGER_ACCUMULATOR_RULE
                            + "): thresholds must be int32");
                }
                thresholds(t.thresholds(), t.flip());
                return null;
            }

            private void thresholds(Object thresholds, boolean[] flip) throws BnnFormatException {
                requireLength("thresholds", thresholds, l.nOut());
                requireLength("threshold flips", flip, l.nOut());
            }
        });
    }

    /**
     * Whether every output position has a tap inside the input along one axis. Per position, the taps
     * {@code k in [0, kernel)} read {@code base + k * dilation} with {@code base = o * stride - padBefore}; one lies in
     * {@code [0, in)} iff the smallest k reaching 0 is at most the largest k staying below {@code in} (and within the
     * kernel): O(1) per position, so a 65535-tap window over a wide input costs no more than a small one.
     */
    private static boolean everyWindowSeesInput(int out, int in, int kernel, int stride, int dilation, int padBefore) {
        for (int o = 0; o < out; o++) {
            long base = (long) o * stride - padBefore;
            long first = Math.max(0, Math.floorDiv(-base + dilation - 1, dilation)); // ceil(-base / dilation)
            long last = Math.min(kernel - 1, Math.floorDiv(in - 1 - base, dilation));
            if (first > last) {
                return false;
            }
        }
        return true;
    }

    private void checkWindow(Window w) throws BnnFormatException {
        if (w == null) {
            throw fail("missing window");
        }
        int[] positive = {w.kernelHeight(), w.kernelWidth(), w.strideHeight(), w.strideWidth(), w.dilationHeight(), w.dilationWidth()};
        int[] pads = {w.padTop(), w.padBottom(), w.padLeft(), w.padRight()};
        for (int v : positive) {
            if (v < 1 || v > Format.MAX_WINDOW) {
                throw fail("kernel, stride and dilation must be 1 to " + Format.MAX_WINDOW + ", got " + w);
            }
        }
        for (int v : pads) {
            if (v < 0 || v > Format.MAX_WINDOW) {
                throw fail("padding must be 0 to " + Format.MAX_WINDOW + ", got " + w);
            }
        }
        if (w.tapCount() > Format.MAX_WINDOW_TAPS) {
            throw fail("the window has " + w.tapCount() + " taps (" + w + "), more than the limit "
                    + Format.MAX_WINDOW_TAPS);
        }
    }

    private ValueShape outputImage(int channels, Window w, ValueShape in) throws BnnFormatException {
        int oh = w.outHeight(in.height());
        int ow = w.outWidth(in.width());
        if (oh < 1 || ow < 1) {
            throw fail("the window (" + w + ") does not fit the input " + in);
        }
        return ValueShape.image(channels, oh, ow);
    }

    private ValueShape checkSize(ValueShape shape, String what) throws BnnFormatException {
        if (shape.size() > Format.MAX_VALUE_ELEMENTS) {
            String where = op == null ? what : describe() + ": " + what;
            throw new BnnFormatException(where + " has " + shape.size() + " elements " + shape + ", more than the limit "
                    + Format.MAX_VALUE_ELEMENTS);
        }
        return shape;
    }

    private void requireLength(String what, Object array, long expected) throws BnnFormatException {
        long actual = array == null ? -1 : java.lang.reflect.Array.getLength(array);
        if (actual != expected) {
            throw fail(what + ": expected " + expected + " elements, got " + (array == null ? "none" : actual));
        }
    }

    private String describe() {
        return "op " + opIndex + " '" + op.name() + "' (" + op.opCode() + ")";
    }

    private BnnFormatException fail(String message) {
        return new BnnFormatException(describe() + ": " + message);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
