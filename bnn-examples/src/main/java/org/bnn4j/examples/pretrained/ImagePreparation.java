package org.bnn4j.examples.pretrained;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns any picture into the input of a model trained on MNIST-style images: grey scale, light object on black,
 * square, the data set's size, the training pixel range.
 * <ol>
 *   <li>grey: luminance 0.299 R + 0.587 G + 0.114 B (grey images as they are), transparent parts over white;</li>
 *   <li>inversion ({@link Invert#AUTO}): MNIST and Fashion-MNIST are light on black, so when the median of the
 *       border pixels is light (more than half-way to white) the picture is taken as dark on light and inverted;</li>
 *   <li>levels: the background (the border median, after any inversion) becomes black and the rest is stretched
 *       so white stays white, since the training images' background is exactly 0 (a cream or grey background
 *       would otherwise lift every pixel; for a binarized network that flips signs all over the picture);</li>
 *   <li>square: the shorter side padded, centred, with the (now black) background, keeping the aspect;</li>
 *   <li>resize to {@code side x side} by area averaging (each output pixel is the mean of the input area it
 *       covers);</li>
 *   <li>padding to {@code padTo} with black, centred, as {@code --pad32} training did;</li>
 *   <li>pixel range: black becomes {@code min}, white {@code max}.</li>
 * </ol>
 *
 * <pre>{@code
 * ImagePreparation prep = new ImagePreparation(28, 0, 0f, 1f, ImagePreparation.Invert.AUTO);
 * ImagePreparation.Prepared p = prep.prepare(ImageFiles.read(Path.of("shoe.jpg")));
 * int label = model.classify(p.pixels());   // 784 values, row by row
 * }</pre>
 */
public final class ImagePreparation {
    /** Whether to invert the grey levels. */
    public enum Invert {
        /** Invert when the border is light (dark object on a light background). */
        AUTO,
        YES,
        NO;

        public static Invert parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--invert must be auto, yes or no, got " + s);
            }
        }
    }

    /** What was done to one picture, and the model input it became. */
    public record Prepared(float[] pixels, boolean inverted, int sourceWidth, int sourceHeight, boolean colour) {
    }

    private final int side;
    private final int padTo;
    private final float min;
    private final float max;
    private final Invert invert;

    /**
     * @param side   the images' side the model was trained on (28)
     * @param padTo  the side they were padded to, or 0 for none
     * @param min    the value of a black pixel
     * @param max    the value of a white pixel
     */
    public ImagePreparation(int side, int padTo, float min, float max, Invert invert) {
        if (side < 1 || (padTo != 0 && padTo < side)) {
            throw new IllegalArgumentException("side " + side + " and padTo " + padTo + ": padding only enlarges");
        }
        this.side = side;
        this.padTo = padTo;
        this.min = min;
        this.max = max;
        this.invert = invert;
    }

    /** The model input's length: {@code (padTo or side)^2}. */
    public int inputLength() {
        int s = padTo > 0 ? padTo : side;
        return s * s;
    }

    public Prepared prepare(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = grey(image);
        float background = borderMedian(grey, w, h);
        boolean inverted = invert == Invert.YES || (invert == Invert.AUTO && background > 0.5f);
        if (inverted) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 1f - grey[i];
            }
            background = 1f - background;
        }
        if (background > 0f && background < 1f) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = Math.max(0f, (grey[i] - background) / (1f - background));
            }
            background = 0f;
        }
        int square = Math.max(w, h);
        float[] squared = new float[square * square];
        Arrays.fill(squared, background);
        int top = (square - h) / 2;
        int left = (square - w) / 2;
        for (int y = 0; y < h; y++) {
            System.arraycopy(grey, y * w, squared, (top + y) * square + left, w);
        }
        float[] resized = resize(squared, square, side);
        int out = padTo > 0 ? padTo : side;
        int offset = (out - side) / 2;
        float[] pixels = new float[out * out];
        Arrays.fill(pixels, min);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                pixels[(offset + y) * out + offset + x] = min + (max - min) * resized[y * side + x];
            }
        }
        return new Prepared(pixels, inverted, w, h, !isGrey(image));
    }

    /** Grey levels in [0, 1], row by row. */
    static float[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = new float[w * h];
        if (isGrey(image)) {
            // the raster's own levels: getRGB would pass linear grey through a gamma curve and brighten it
            Raster r = image.getRaster();
            float full = (1 << image.getColorModel().getComponentSize(0)) - 1;
            boolean alpha = image.getColorModel().hasAlpha();
            float fullAlpha = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float g = r.getSample(x, y, 0) / full;
                    float a = alpha ? r.getSample(x, y, 1) / fullAlpha : 1f;
                    grey[y * w + x] = a * g + (1 - a);
                }
            }
            return grey;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                float a = (argb >>> 24) / 255f;
                float lum = (0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff)) / 255f;
                grey[y * w + x] = a * lum + (1 - a);
            }
        }
        return grey;
    }

    private static boolean isGrey(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** The median of the outermost ring of pixels: the background, unless the object fills the frame. */
    static float borderMedian(float[] grey, int w, int h) {
        float[] ring = new float[h == 1 || w == 1 ? w * h : 2 * w + 2 * (h - 2)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    ring[n++] = grey[y * w + x];
                }
            }
        }
        Arrays.sort(ring, 0, n);
        return n % 2 == 1 ? ring[n / 2] : (ring[n / 2 - 1] + ring[n / 2]) / 2;
    }

    /** Area-averaging resize of a square image, rows then columns. */
    static float[] resize(float[] src, int from, int to) {
        float[] rows = new float[from * to];
        for (int y = 0; y < from; y++) {
            resampleLine(src, y * from, 1, from, rows, y * to, 1, to);
        }
        float[] out = new float[to * to];
        for (int x = 0; x < to; x++) {
            resampleLine(rows, x, to, from, out, x, to, to);
        }
        return out;
    }

    /** One line of {@code n} values to {@code m}: output i is the mean of input interval [i n/m, (i+1) n/m). */
    private static void resampleLine(float[] in, int inStart, int inStride, int n, float[] out, int outStart,
                                     int outStride, int m) {
        double scale = (double) n / m;
        for (int i = 0; i < m; i++) {
            double lo = i * scale;
            double hi = (i + 1) * scale;
            double sum = 0;
            for (int j = (int) Math.floor(lo); j < Math.min(n, (int) Math.ceil(hi)); j++) {
                double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                sum += overlap * in[inStart + j * inStride];
            }
            out[outStart + i * outStride] = (float) (sum / scale);
        }
    }
}
