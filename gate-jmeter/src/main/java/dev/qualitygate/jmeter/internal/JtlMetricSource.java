package dev.qualitygate.jmeter.internal;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.QueryProblem;
import dev.qualitygate.spi.TestRunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers SLI queries from a JTL file. The file is read once per evaluation, whatever the number of queries: the
 * first fetch reads it into a {@link JtlSummary} that keeps every label apart, the other fetches (running at the same
 * time, from the gate's threads) wait for it and are answered from it. The summary is read again only when the file
 * changes, the window matters and changes, or a query needs a field the summary lacks. Thread-safe. Internal; not API.
 */
public final class JtlMetricSource implements MetricSource {
    private static final Logger log = LoggerFactory.getLogger(JtlMetricSource.class);

    private final Path file;
    private final JtlReader.Format format;
    private final ReadOptions options;
    private final boolean useWindow;
    private final boolean[] fieldsSeen = new boolean[Field.values().length];
    private @Nullable Cached cached;
    private int reads;

    private record Cached(long size, long modified, @Nullable TimeWindow window, boolean[] fields,
            JtlSummary summary) {
    }

    /**
     * Creates the source.
     *
     * @param file the results file
     * @param format its format
     * @param options how to read it (window ignored; set per fetch when {@code useWindow})
     * @param useWindow whether only samples starting in the evaluated window count
     */
    public JtlMetricSource(Path file, JtlReader.Format format, ReadOptions options, boolean useWindow) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.options = Objects.requireNonNull(options, "options");
        this.useWindow = useWindow;
        fieldsSeen[Field.ELAPSED.ordinal()] = true;
    }

    @Override
    public List<QueryProblem> check(String indicator, String query) {
        try {
            note(Query.parse(query));
            return List.of();
        } catch (QueryException e) {
            return List.of(new QueryProblem(e.column(), e.getMessage()));
        }
    }

    @Override
    public IndicatorValue fetch(IndicatorQuery query) {
        Query parsed;
        try {
            parsed = Query.parse(query.query());
        } catch (QueryException e) {
            return IndicatorValue.failed("invalid query for SLI '" + query.indicator() + "' at column " + e.column()
                    + ": " + e.getMessage() + " (query: " + query.query() + ")");
        }
        note(parsed);
        JtlSummary summary;
        try {
            summary = summary(query.window(), parsed.field());
        } catch (JtlException e) {
            return IndicatorValue.failed(e.getMessage());
        }
        Query.Result result = parsed.evaluate(summary);
        log.debug("SLI {} = {} from {}", query.indicator(), result, file);
        return result.failure() != null ? IndicatorValue.failed("SLI '" + query.indicator() + "': " + result.failure())
                : IndicatorValue.of(result.value(), summary.note());
    }

    /**
     * A source over the test run's own results file, read with this source's settings; this source itself when the
     * run left no results file.
     */
    @Override
    public MetricSource measuring(TestRunResult run) {
        Path results = run.resultsFile();
        return results == null ? this : new JtlMetricSource(results, format, options, useWindow);
    }

    private synchronized void note(Query q) {
        fieldsSeen[q.field().ordinal()] = true;
    }

    private synchronized JtlSummary summary(TimeWindow window, Field needed) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new JtlException(Files.exists(file) ? "cannot read results file " + file + ": " + e
                    : "results file " + file + " does not exist");
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        TimeWindow w = useWindow ? window : null;
        Cached c = cached;
        if (c != null && c.size == size && c.modified == modified && Objects.equals(c.window, w)
                && c.fields[needed.ordinal()]) {
            return c.summary;
        }
        boolean[] fields = fieldsSeen.clone();
        ReadOptions o = options.withFields(fields);
        if (w != null) {
            o = o.withWindow(w.start().toEpochMilli(), w.end().toEpochMilli());
        }
        JtlSummary summary = JtlReader.read(file, format, o);
        reads++;
        cached = new Cached(size, modified, w, Arrays.copyOf(fields, fields.length), summary);
        return summary;
    }

    /** How often the file was read; for tests. */
    synchronized int reads() {
        return reads;
    }

    @Override
    public String toString() {
        return "JtlMetricSource[" + file + "]";
    }
}
