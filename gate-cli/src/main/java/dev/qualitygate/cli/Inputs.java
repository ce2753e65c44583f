package dev.qualitygate.cli;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files, turning I/O failures into located problems instead of stack traces. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Reads a whole file.
     *
     * @throws GateConfigException naming the file if it cannot be read
     */
    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GateConfigException(Problem.of(file.toString(), "cannot read the file: no such file"));
        } catch (IOException e) {
            throw new GateConfigException(Problem.of(file.toString(), "cannot read the file: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    /**
     * Reads a whole file as UTF-8 text.
     *
     * @throws GateConfigException naming the file if it cannot be read or is not UTF-8
     */
    static String readText(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GateConfigException(Problem.of(file.toString(), "the file is not valid UTF-8 text"));
        }
    }
}
