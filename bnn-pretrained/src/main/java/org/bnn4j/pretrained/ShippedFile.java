package org.bnn4j.pretrained;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a pretrained model: where it is on the class path, its size and its SHA-256, as the packaging step
 * measured them. {@link PretrainedCatalog} refuses the file when what it reads differs from either.
 *
 * <pre>{@code
 * ShippedFile packed = PretrainedModels.get("xnor-resnet20-fashion-mnist").packedFile();
 * packed.resource();   // "org/bnn4j/pretrained/xnor-resnet20-fashion-mnist.bnn"
 * packed.sha256();     // 64 lower-case hex digits
 * }</pre>
 *
 * @param resource the class-path resource name (no leading slash)
 * @param bytes    its size
 * @param sha256   its SHA-256, 64 lower-case hex digits
 */
public record ShippedFile(String resource, long bytes, String sha256) {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    public ShippedFile {
        if (resource == null || resource.isBlank() || resource.startsWith("/")) {
            throw new IllegalArgumentException("a resource name without a leading slash, got '" + resource + "'");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes + " for " + resource);
        }
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 == null || !HEX_64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("SHA-256 of " + resource + " must be 64 hex digits, got '" + sha256 + "'");
        }
    }

    /** The record of {@code content} shipped as {@code resource}: its size and SHA-256. */
    public static ShippedFile of(String resource, byte[] content) {
        return new ShippedFile(resource, content.length, sha256(content));
    }

    /** The SHA-256 of {@code content}, as 64 lower-case hex digits. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The file name, without the resource's directories. */
    public String fileName() {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
