package org.bnn4j.examples.train;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * Decodes a String that Java serialization wrote (as {@code ModelSerializer.addObjectToFile} stores objects)
 * without an {@code ObjectInputStream}: deserializing a file's bytes can run code of any class on the class path,
 * and all bnn4j ever stores this way is a String.
 */
final class SerializedString {
    /** Stream magic and version, then TC_STRING: a u16 length and modified UTF-8. */
    private static final byte[] PREFIX = {(byte) 0xac, (byte) 0xed, 0x00, 0x05, 0x74};

    private SerializedString() {
    }

    /** @throws IOException if the bytes are not exactly one serialized String of at most 65,535 bytes */
    static String decode(byte[] bytes) throws IOException {
        for (int i = 0; i < PREFIX.length; i++) {
            if (i >= bytes.length || bytes[i] != PREFIX[i]) {
                throw new StreamCorruptedException("not a serialized String");
            }
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, PREFIX.length, bytes.length - PREFIX.length));
        String s = in.readUTF();
        if (in.available() > 0) {
            throw new StreamCorruptedException(in.available() + " bytes follow the serialized String");
        }
        return s;
    }
}
