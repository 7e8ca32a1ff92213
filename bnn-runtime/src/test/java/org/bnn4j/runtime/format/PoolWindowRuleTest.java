package org.bnn4j.runtime.format;

import org.bnn4j.runtime.BnnFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validator's rule that every pooling window holds at least one input tap, computed in O(1) per position,
 * against trying every tap of every window.
 */
class PoolWindowRuleTest {

    @Test
    void everyWindowSeesInputAgreesWithTryingEveryTap() {
        Random r = new Random(51);
        int accepted = 0;
        int rejected = 0;
        for (int trial = 0; trial < 4000; trial++) {
            int h = 1 + r.nextInt(6);
            int w = 1 + r.nextInt(6);
            Window win = new Window(1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(3), 1 + r.nextInt(3),
                    1 + r.nextInt(4), 1 + r.nextInt(4), r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextInt(6));
            if (win.outHeight(h) < 1 || win.outWidth(w) < 1) continue;
            ModelSpec spec = new ModelSpec("t", ValueShape.image(1, h, w),
                    List.of(new PoolSpec("pool", 0, PoolKind.MAX, win, false)));
            boolean valid;
            try {
                ModelValidator.validate(spec);
                valid = true;
            } catch (BnnFormatException e) {
                valid = false;
            }
            assertEquals(bruteForce(win, h, w), valid, win + " on " + h + "x" + w);
            if (valid) accepted++;
            else rejected++;
        }
        assertTrue(accepted > 200 && rejected > 200, "both outcomes occur: " + accepted + " / " + rejected);
    }

    private static boolean bruteForce(Window win, int h, int w) {
        for (int oy = 0; oy < win.outHeight(h); oy++) {
            for (int ox = 0; ox < win.outWidth(w); ox++) {
                boolean seen = false;
                for (int kh = 0; kh < win.kernelHeight(); kh++) {
                    for (int kw = 0; kw < win.kernelWidth(); kw++) {
                        int iy = oy * win.strideHeight() + kh * win.dilationHeight() - win.padTop();
                        int ix = ox * win.strideWidth() + kw * win.dilationWidth() - win.padLeft();
                        seen |= iy >= 0 && iy < h && ix >= 0 && ix < w;
                    }
                }
                if (!seen) return false;
            }
        }
        return true;
    }
}
