package dev.qualitygate.jmeter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jspecify.annotations.Nullable;

/**
 * One SLI query over a results file, parsed from its text:
 *
 * <pre>
 * query     = aggregate [ "where" condition { "and" condition } ]
 * aggregate = ( "p" NUMBER | "mean" | "min" | "max" ) "(" [ field ] ")"
 *           | ( "count" | "errors" | "error_rate" | "throughput" ) "(" ")"
 * field     = "elapsed" | "latency" | "connect"                          (default elapsed)
 * condition = "label" ( "=" | "!=" | "~" | "!~" ) STRING
 *           | "success" ( "=" | "!=" ) ( "true" | "false" )
 * STRING    = '"' { any character but '"' and '\', or '\"', or '\\' } '"'
 * </pre>
 *
 * <p>{@code ~} matches a Java regular expression against the whole label. Keywords are lower case; spaces between
 * tokens are free. Immutable and thread-safe. Internal; not API.
 */
public final class Query {
    /** What a query computes. */
    public enum Function {
        PERCENTILE, MEAN, MIN, MAX, COUNT, ERRORS, ERROR_RATE, THROUGHPUT;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final List<String> WORDS = List.of("p50", "p90", "p95", "p99", "p99.9", "mean", "min", "max",
            "count", "errors", "error_rate", "throughput");

    private final String text;
    private final Function function;
    private final double percentile;
    private final Field field;
    private final List<Predicate<String>> labelConditions;
    private final @Nullable Boolean success;

    private Query(String text, Function function, double percentile, Field field,
            List<Predicate<String>> labelConditions, @Nullable Boolean success) {
        this.text = text;
        this.function = function;
        this.percentile = percentile;
        this.field = field;
        this.labelConditions = List.copyOf(labelConditions);
        this.success = success;
    }

    /** The function. */
    public Function function() {
        return function;
    }

    /** The field aggregated. */
    public Field field() {
        return field;
    }

    /**
     * Computes the value from a summary.
     *
     * @param summary the file's summary
     * @return the value, or a reason why there is none
     */
    public Result evaluate(JtlSummary summary) {
        if (!summary.hasField(field)) {
            return Result.failed(summary.file() + " has no " + (field == Field.LATENCY ? "Latency" : "Connect")
                    + " column, which " + function.word() + "(" + field.queryName() + ") needs");
        }
        Predicate<String> label = labelConditions.isEmpty() ? null : l -> {
            for (Predicate<String> p : labelConditions) {
                if (!p.test(l)) {
                    return false;
                }
            }
            return true;
        };
        Boolean outcome = function == Function.ERRORS || function == Function.ERROR_RATE ? null : success;
        GroupStats all = summary.select(label, outcome, field);
        if (all.count == 0) {
            return Result.failed("no sample of " + summary.file() + " matches '" + text + "'; labels in the file: "
                    + summary.labels());
        }
        int f = field.ordinal();
        switch (function) {
            case COUNT:
                return Result.of(all.count);
            case ERRORS:
            case ERROR_RATE: {
                GroupStats failed = summary.select(label, Boolean.FALSE, field);
                long errors = success == null ? failed.count : success ? 0 : failed.count;
                long total = success == null ? all.count : success ? all.count - failed.count : failed.count;
                if (function == Function.ERRORS) {
                    return Result.of(errors);
                }
                return total == 0 ? Result.failed("no sample of " + summary.file() + " matches '" + text + "'")
                        : Result.of(errors * 100.0 / total);
            }
            case THROUGHPUT: {
                long span = all.maxEnd - all.minStart;
                return span <= 0 ? Result.failed("throughput of '" + text + "' is undefined: its " + all.count
                        + " samples span no time") : Result.of(all.count * 1000.0 / span);
            }
            case MEAN:
                return Result.of((double) all.sum[f] / all.count);
            case MIN:
                return Result.of(all.min[f]);
            case MAX:
                return Result.of(all.max[f]);
            default:
                return Result.of(legacyPercentile(all, f, percentile));
        }
    }

    /**
     * The percentile as JMeter's report generator computes it (Commons Math {@code Percentile} with
     * {@code EstimationType.LEGACY}): position {@code p·(n+1)/100} in the sorted values, linear interpolation
     * between its neighbours, the minimum below position 1 and the maximum from position n on. The order statistics
     * come from the histogram: exact below 2048 ms, otherwise the highest value of their bucket (at most 1/1024
     * above).
     */
    static double legacyPercentile(GroupStats g, int f, double p) {
        long n = g.count;
        double pos = p * (n + 1) / 100.0;
        if (pos < 1) {
            return g.min[f];
        }
        if (pos >= n) {
            return g.max[f];
        }
        long k = (long) Math.floor(pos);
        double d = pos - k;
        long lower = orderStatistic(g, f, k);
        long upper = d == 0 ? lower : orderStatistic(g, f, k + 1);
        return lower + d * (upper - lower);
    }

    /** The k-th smallest value (1-based): the exact minimum and maximum at the ends, else from the histogram. */
    private static long orderStatistic(GroupStats g, int f, long k) {
        if (k <= 1) {
            return g.min[f];
        }
        if (k >= g.count) {
            return g.max[f];
        }
        Histogram h = g.histograms[f];
        if (h == null) {
            throw new IllegalStateException("no histogram of field " + f);
        }
        long seen = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAddedInThisIterationStep();
            if (seen >= k) {
                return Math.min(h.highestEquivalentValue(v.getValueIteratedTo()), g.max[f]);
            }
        }
        return g.max[f];
    }

    /** A value or the reason there is none. */
    public record Result(double value, @Nullable String failure) {
        static Result of(double value) {
            return new Result(value, null);
        }

        static Result failed(String reason) {
            return new Result(Double.NaN, reason);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Parses a query.
     *
     * @param text the query
     * @return the query
     * @throws QueryException naming the column and what was expected
     */
    public static Query parse(String text) {
        return new Parser(text).query();
    }

    /** A recursive-descent parser over the query's characters. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Query query() {
            skipSpace();
            int at = i;
            String word = word();
            if (word.isEmpty()) {
                throw error(at, s.isBlank() ? "the query is empty; it starts with an aggregate such as p95(elapsed),"
                        + " mean(elapsed), error_rate() or throughput()" : "expected an aggregate such as p95(elapsed),"
                        + " found '" + s.charAt(at) + "'");
            }
            Function function;
            double percentile = Double.NaN;
            if (word.matches("p\\d+(\\.\\d+)?")) {
                function = Function.PERCENTILE;
                percentile = Double.parseDouble(word.substring(1));
                if (percentile <= 0 || percentile > 100) {
                    throw error(at, "the percentile must be above 0 and at most 100, was " + word.substring(1));
                }
            } else {
                function = null;
                for (Function f : Function.values()) {
                    if (f != Function.PERCENTILE && f.word().equals(word)) {
                        function = f;
                    }
                }
                if (function == null) {
                    throw error(at, "unknown aggregate '" + word + "'" + suggestion(word, WORDS) + "; one of pN (p50,"
                            + " p95, p99.9...), mean, min, max, count, errors, error_rate, throughput");
                }
            }
            expect('(', "'(' after " + word);
            skipSpace();
            Field field = Field.ELAPSED;
            int fieldAt = i;
            String fieldWord = word();
            if (!fieldWord.isEmpty()) {
                boolean timed = function == Function.PERCENTILE || function == Function.MEAN
                        || function == Function.MIN || function == Function.MAX;
                if (!timed) {
                    throw error(fieldAt, word + "() takes no field; write " + word + "()");
                }
                Field f = Field.byQueryName(fieldWord);
                if (f == null) {
                    throw error(fieldAt, "unknown field '" + fieldWord + "'" + suggestion(fieldWord,
                            List.of("elapsed", "latency", "connect")) + "; one of elapsed, latency, connect");
                }
                field = f;
            }
            expect(')', "')'");
            List<Predicate<String>> labels = new ArrayList<>();
            Boolean success = null;
            skipSpace();
            if (i < s.length()) {
                int whereAt = i;
                String where = word();
                if (!where.equals("where")) {
                    throw error(whereAt, "expected 'where' or the end of the query, found '" + rest(whereAt) + "'");
                }
                do {
                    skipSpace();
                    int condAt = i;
                    String name = word();
                    if (name.equals("label")) {
                        labels.add(labelCondition());
                    } else if (name.equals("success")) {
                        if (success != null) {
                            throw error(condAt, "success is already set by an earlier condition");
                        }
                        success = successCondition();
                    } else {
                        throw error(condAt, name.isEmpty() ? "expected a condition on label or success"
                                : "unknown column '" + name + "'" + suggestion(name, List.of("label", "success"))
                                        + "; conditions are on label or success");
                    }
                    skipSpace();
                    if (i >= s.length()) {
                        break;
                    }
                    int andAt = i;
                    if (!word().equals("and")) {
                        throw error(andAt, "expected 'and' or the end of the query, found '" + rest(andAt) + "'");
                    }
                } while (true);
            }
            return new Query(s, function, percentile, field, labels, success);
        }

        private Predicate<String> labelCondition() {
            skipSpace();
            int opAt = i;
            String op = operator();
            if (!List.of("=", "!=", "~", "!~").contains(op)) {
                throw error(opAt, "expected =, !=, ~ or !~ after label" + (op.isEmpty() ? "" : ", found '" + op + "'"));
            }
            skipSpace();
            int valueAt = i;
            String value = string();
            switch (op) {
                case "=":
                    return value::equals;
                case "!=":
                    return l -> !value.equals(l);
                default:
                    Pattern pattern;
                    try {
                        pattern = Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        throw error(valueAt + 1 + Math.max(e.getIndex(), 0), "invalid regular expression: "
                                + e.getDescription());
                    }
                    return op.equals("~") ? l -> pattern.matcher(l).matches() : l -> !pattern.matcher(l).matches();
            }
        }

        private boolean successCondition() {
            skipSpace();
            int opAt = i;
            String op = operator();
            if (!op.equals("=") && !op.equals("!=")) {
                throw error(opAt, "expected = or != after success" + (op.isEmpty() ? "" : ", found '" + op + "'"));
            }
            skipSpace();
            int valueAt = i;
            String value = word();
            if (!value.equals("true") && !value.equals("false")) {
                throw error(valueAt, "expected true or false after success " + op);
            }
            return value.equals("true") == op.equals("=");
        }

        private String word() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                    || (s.charAt(i) == '.' && i > start))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String operator() {
            int start = i;
            while (i < s.length() && "=!~<>".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return s.substring(start, i);
        }

        private String string() {
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error(i, "expected a string in double quotes" + (i >= s.length() ? "" : ", found '"
                        + rest(i) + "'"));
            }
            int start = i;
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return sb.toString();
                }
                if (c == '\\') {
                    if (i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        sb.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                }
                sb.append(c);
                i++;
            }
            throw error(start, "the string is not closed: a '\"' is missing");
        }

        private void expect(char c, String what) {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != c) {
                throw error(i, "expected " + what + (i >= s.length() ? " but the query ends"
                        : ", found '" + s.charAt(i) + "'"));
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private String rest(int at) {
            String r = s.substring(at);
            return r.length() > 20 ? r.substring(0, 20) + "…" : r;
        }

        private QueryException error(int at, String message) {
            return new QueryException(Math.min(at, s.length()) + 1, message);
        }

        private static String suggestion(String word, List<String> known) {
            String best = null;
            int bestDistance = 3;
            for (String k : known) {
                int d = distance(word, k);
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
            return best == null ? "" : " (did you mean " + best + "?)";
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int x = 1; x <= a.length(); x++) {
                cur[0] = x;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(x - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }
    }
}
