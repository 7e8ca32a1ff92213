package org.bnn4j.examples.pretrained;

import org.bnn4j.examples.cli.InputFiles;
import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an image file (PNG, JPEG, or any format javax.imageio knows) so that every failure is one line naming the
 * file: missing, not an image, or damaged. A truncated JPEG is refused too: ImageIO decodes what it has and only
 * warns, and a half-grey picture would be classified without a word.
 *
 * <pre>{@code
 * BufferedImage image = ImageFiles.read(Path.of("shoe.png"));   // ModelFileException: "shoe.png: is not an image ..."
 * }</pre>
 */
public final class ImageFiles {
    private static final String WHAT = "a PNG or JPEG image";

    private ImageFiles() {
    }

    /** @throws ModelFileException naming the file and what is wrong with it */
    public static BufferedImage read(Path file) {
        InputFiles.requireReadableFile(file, WHAT);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ModelFileException(file, "is not " + WHAT + " (no image reader recognises its content)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new ModelFileException(file, "is a damaged " + reader.getFormatName() + " image ("
                            + Messages.printable(warnings.get(0)) + ")");
                }
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new ModelFileException(file, "is an empty image");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelFileException m) {
                throw m;
            }
            // truncated or corrupt data: ImageIO's IIOException, EOFException, or a decoder's runtime exception
            throw new ModelFileException(file, "is not a readable image: " + Messages.rootCause(e), e);
        }
    }
}
