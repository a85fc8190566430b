package dev.snowpipecdc.emulator.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Files the ingest endpoints hand to DuckDB's readers (a chunk's Parquet, an append's JSON), deleted once read. */
final class ScratchFiles {

    private ScratchFiles() {
    }

    static Path write(Path dir, String suffix, byte[] content) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(UUID.randomUUID() + suffix);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a scratch file under " + dir, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a left-over scratch file is harmless; the next start clears the directory
        }
    }
}
