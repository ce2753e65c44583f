package dev.qualitygate.history;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the newline-terminated lines of a file backwards, newest first, one chunk at a time, so that reading the
 * last lines costs the same however long the file is. A line may span any number of chunks.
 *
 * <p>The bytes after the last {@code '\n'} are not a line: they are an append in progress or one that was
 * interrupted. {@link #trailingBytes()} tells how many there were; they are never returned.
 *
 * <p>Reads the file as it was when constructed (appends made later are not seen). Not thread-safe.
 */
final class ReverseLineReader {

    /**
     * One complete line without its {@code '\n'}.
     *
     * @param offset the byte offset of its first byte in the file
     * @param text the line, decoded as UTF-8
     */
    record Line(long offset, String text) {
    }

    private final FileChannel channel;
    private final int chunkSize;
    private final long trailingBytes;
    /** Every byte from this offset on has been consumed. */
    private long position;
    /** The file offset of {@code chunk[0]}; {@code chunk} ends at or after {@link #position}. */
    private long chunkOffset;
    private byte[] chunk = new byte[0];
    /** The offset of the {@code '\n'} ending the next line to return, or -1 if there is none. */
    private long nextLineEnd;

    /**
     * Positions a reader at the end of the last complete line.
     *
     * @param channel a channel open for reading; not closed by this reader
     * @param chunkSize how many bytes to read at a time; at least 1
     * @throws IOException if the channel cannot be read
     */
    ReverseLineReader(FileChannel channel, int chunkSize) throws IOException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
        this.channel = channel;
        this.chunkSize = chunkSize;
        long size = channel.size();
        position = size;
        chunkOffset = size;
        nextLineEnd = findNewlineBefore(null);
        trailingBytes = size - nextLineEnd - 1;
    }

    /**
     * How many bytes followed the last {@code '\n'} (or made up the whole file if it has none).
     *
     * @return 0 if the file ended with a complete line or was empty
     */
    long trailingBytes() {
        return trailingBytes;
    }

    /**
     * The line before the one returned last (at first: the last complete line).
     *
     * @return the line, or {@code null} once the start of the file has been passed
     * @throws IOException if the file cannot be read, or got shorter while being read
     */
    @Nullable Line previous() throws IOException {
        if (nextLineEnd < 0) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        long newline = findNewlineBefore(parts);
        long start = newline + 1;
        byte[] bytes = new byte[(int) (nextLineEnd - start)];
        int at = 0;
        for (int i = parts.size() - 1; i >= 0; i--) {
            byte[] part = parts.get(i);
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
        }
        nextLineEnd = newline;
        return new Line(start, new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Moves back to the previous {@code '\n'}, consuming it and the bytes after it.
     *
     * @param passed receives the consumed bytes after the newline, last segment first; {@code null} to drop them
     * @return the newline's offset, or -1 if the start of the file was reached first
     */
    private long findNewlineBefore(@Nullable List<byte[]> passed) throws IOException {
        while (position > 0) {
            if (position == chunkOffset) {
                loadChunkEndingAt(position);
            }
            int end = (int) (position - chunkOffset);
            int i = end - 1;
            while (i >= 0 && chunk[i] != '\n') {
                i--;
            }
            if (passed != null && i + 1 < end) {
                passed.add(Arrays.copyOfRange(chunk, i + 1, end));
            }
            if (i >= 0) {
                position = chunkOffset + i;
                return position;
            }
            position = chunkOffset;
        }
        return -1;
    }

    private void loadChunkEndingAt(long end) throws IOException {
        chunkOffset = Math.max(0, end - chunkSize);
        chunk = new byte[(int) (end - chunkOffset)];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, chunkOffset + buffer.position()) < 0) {
                throw new EOFException("the file got shorter while it was read (an append was rolled back?)");
            }
        }
    }
}
