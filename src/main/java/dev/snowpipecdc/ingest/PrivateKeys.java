package dev.snowpipecdc.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/** Where the key-pair authentication key comes from: PEM text, a PEM file, or (for the emulator) a fresh key. */
public final class PrivateKeys {

    private PrivateKeys() {
    }

    /**
     * Resolves the configured key: inline PEM text wins over a file. Only PKCS#8 PEM is accepted (what Snowflake's
     * key-pair guide produces); a PKCS#1 "RSA PRIVATE KEY" gets an error that says how to convert it.
     */
    public static String resolve(Optional<String> pemText, Optional<String> pemFile) {
        String pem = pemText.filter(s -> !s.isBlank())
                .or(() -> pemFile.filter(s -> !s.isBlank()).map(PrivateKeys::read))
                .orElseThrow(() -> new IllegalArgumentException("No private key configured: set privateKey (PEM text)"
                        + " or privateKeyFile on the snowpipe-streaming component"));
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("The private key is PKCS#1 (BEGIN RSA PRIVATE KEY); Snowpipe Streaming"
                    + " needs PKCS#8: convert it with 'openssl pkcs8 -topk8 -inform PEM -in key.pem -out key.p8'"
                    + " (add -nocrypt for an unencrypted key)");
        }
        if (!pem.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("The private key is not PEM text (no 'BEGIN PRIVATE KEY' header)");
        }
        return pem;
    }

    /** A new 2048-bit RSA key as PKCS#8 PEM; the embedded warehouse does not check signatures. */
    public static String generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the private key file " + file, e);
        }
    }
}
