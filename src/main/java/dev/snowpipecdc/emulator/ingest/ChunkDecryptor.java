package dev.snowpipecdc.emulator.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts one chunk of a BDEC blob the way the SDK encrypted it ({@code Cryptor}): AES-256-CTR with the key
 * SHA-256(channel encryption key ‖ blob path) and an IV of eight zero bytes followed by the chunk's start offset
 * in 16-byte blocks. Chunks are zero-padded to 16 bytes; {@code chunk_length} excludes the padding.
 */
final class ChunkDecryptor {

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] encryptionKey;

    /** @param encryptionKeyBase64 the key handed to channels when they open */
    ChunkDecryptor(String encryptionKeyBase64) {
        this.encryptionKey = Base64.getDecoder().decode(encryptionKeyBase64);
    }

    /** @return the chunk's plain Parquet bytes */
    byte[] decrypt(byte[] blob, String blobPath, long chunkStartOffset, int chunkLength) {
        if (chunkStartOffset % 16 != 0 || chunkStartOffset + chunkLength > blob.length) {
            throw new IllegalArgumentException("Chunk at offset " + chunkStartOffset + " with length " + chunkLength
                    + " does not fit blob " + blobPath + " of " + blob.length + " bytes");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encryptionKey);
            sha256.update(blobPath.getBytes(StandardCharsets.UTF_8));
            byte[] iv = ByteBuffer.allocate(16).putLong(0L).putLong(chunkStartOffset / 16).array();
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sha256.digest(), "AES"), new IvParameterSpec(iv));
            byte[] plain = cipher.doFinal(blob, (int) chunkStartOffset, chunkLength);
            if (plain.length < 8 || !Arrays.equals(plain, 0, 4, PARQUET_MAGIC, 0, 4)
                    || !Arrays.equals(plain, plain.length - 4, plain.length, PARQUET_MAGIC, 0, 4)) {
                throw new IllegalArgumentException("Chunk at offset " + chunkStartOffset + " of blob " + blobPath
                        + " is not a Parquet file after decryption: wrong encryption key?");
            }
            return plain;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is not available in this JVM", e);
        }
    }
}
