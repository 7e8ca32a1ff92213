package org.bnn4j.zoo.data;

import java.io.Serializable;

/**
 * Turns one image's pixel bytes into normalised floats in channel-major order, centring it on a larger
 * zero-padded canvas when asked (28x28 to 32x32) and applying an augmentation draw. Padding and pixels shifted
 * in by a crop get the value of a black pixel (byte 0) under the normalisation.
 */
final class PixelEncoder implements Serializable {
    private final int channels;
    private final int height;
    private final int width;
    private final int outHeight;
    private final int outWidth;
    private final int top;
    private final int left;
    private final float[] valueOfByte = new float[256];

    /** @param outHeight output size, at least the image's size (larger centres the image on padding) */
    PixelEncoder(int channels, int height, int width, int outHeight, int outWidth, Normalization normalization) {
        if (outHeight < height || outWidth < width) {
            throw new IllegalArgumentException("cannot pad " + height + "x" + width + " images to " + outHeight + "x"
                    + outWidth + ": padding only enlarges");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.top = (outHeight - height) / 2;
        this.left = (outWidth - width) / 2;
        for (int b = 0; b < 256; b++) {
            valueOfByte[b] = normalization.apply(b);
        }
    }

    int channels() {
        return channels;
    }

    int outHeight() {
        return outHeight;
    }

    int outWidth() {
        return outWidth;
    }

    int featureLength() {
        return channels * outHeight * outWidth;
    }

    /** Writes the image starting at {@code src[srcOffset]} to {@code out[outOffset ...]}. */
    void encode(byte[] src, int srcOffset, Augmentation.Draw draw, float[] out, int outOffset) {
        if (outHeight == height && outWidth == width && draw.equals(Augmentation.Draw.IDENTITY)) {
            for (int i = 0, n = featureLength(); i < n; i++) {
                out[outOffset + i] = valueOfByte[src[srcOffset + i] & 0xff];
            }
            return;
        }
        float black = valueOfByte[0];
        double cos = Math.cos(draw.angle());
        double sin = Math.sin(draw.angle());
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        int o = outOffset;
        for (int c = 0; c < channels; c++) {
            int plane = srcOffset + c * height * width;
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    int sy = y - top + draw.dy();
                    int sx = x - left + draw.dx();
                    if (draw.angle() != 0) { // inverse rotation: where in the source this output pixel comes from
                        double ry = cy + (sy - cy) * cos + (sx - cx) * sin;
                        double rx = cx - (sy - cy) * sin + (sx - cx) * cos;
                        sy = (int) Math.round(ry);
                        sx = (int) Math.round(rx);
                    }
                    if (sy < 0 || sy >= height || sx < 0 || sx >= width) {
                        out[o++] = black;
                    } else {
                        int column = draw.flip() ? width - 1 - sx : sx;
                        out[o++] = valueOfByte[scaled(src[plane + sy * width + column] & 0xff, draw.intensity())];
                    }
                }
            }
        }
    }

    /** A pixel byte times the intensity factor, rounded, at most 255 (black stays black). */
    static int scaled(int pixel, double intensity) {
        return intensity == 1 ? pixel : (int) Math.min(255, Math.round(pixel * intensity));
    }
}
