package dev.qualitygate.dynatrace.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the SLI query forms of Keptn's dynatrace-service (version 0.23, its last):
 * <ul>
 *   <li>{@code metricSelector=...&entitySelector=...&resolution=...&mzSelector=...} (only these keys, no leading
 *       {@code ?}, values as written, not URL-encoded);</li>
 *   <li>a bare metric selector, or the old {@code selector?scope=...} form, whose scope becomes the entity selector
 *       with {@code type(SERVICE)} added when missing; both are sent with {@code resolution=Inf};</li>
 *   <li>{@code MV2;MicroSecond;<query>} and {@code MV2;Byte;<query>} (first letters in either case), which scale
 *       the value to milliseconds or kilobytes;</li>
 *   <li>{@code SLO;<id>}, {@code PV2;problemSelector=...&entitySelector=...},
 *       {@code SECPV2;securityProblemSelector=...} and {@code USQL;<result type>;<dimension>;<query>}.</li>
 * </ul>
 * Internal; not API.
 */
public final class SliQueryParser {
    private static final Pattern MV2_UNIT = Pattern.compile("[Mm]icro[Ss]econd|[Bb]yte");
    private static final List<String> METRICS_KEYS = List.of("metricSelector", "entitySelector", "resolution",
            "mzSelector");
    private static final List<String> USQL_TYPES = List.of("SINGLE_VALUE", "PIE_CHART", "COLUMN_CHART", "TABLE");
    private static final String SERVICE_TYPE = "type(SERVICE)";

    private SliQueryParser() {
    }

    /**
     * Reads a query whose placeholders are filled.
     *
     * @param text the query
     * @return the query
     * @throws QueryException if it is not one of the forms; the message says how to write it
     */
    public static SliQuery parse(String text) throws QueryException {
        String q = text.strip();
        if (q.isEmpty()) {
            throw new QueryException("the query is empty");
        }
        if (q.startsWith("USQL;")) {
            return usql(q);
        }
        if (q.startsWith("SLO;")) {
            String id = q.substring(4).strip();
            if (id.isEmpty()) {
                throw new QueryException("SLO; needs the SLO's id: SLO;<id>");
            }
            return new SliQuery.Slo(id);
        }
        if (q.startsWith("PV2;")) {
            Map<String, String> p = pairs(q.substring(4), List.of("problemSelector", "entitySelector"), "PV2");
            return new SliQuery.Problems(p.get("problemSelector"), p.get("entitySelector"));
        }
        if (q.startsWith("SECPV2;")) {
            Map<String, String> p = pairs(q.substring(7), List.of("securityProblemSelector"), "SECPV2");
            return new SliQuery.SecurityProblems(p.get("securityProblemSelector"));
        }
        if (q.startsWith("MV2;")) {
            return mv2(q);
        }
        return metrics(q, SliQuery.Scale.NONE);
    }

    private static SliQuery mv2(String q) throws QueryException {
        String[] pieces = q.split(";", 3);
        if (pieces.length < 3 || pieces[1].isEmpty()) {
            throw new QueryException("an MV2 query is MV2;MicroSecond;<query> or MV2;Byte;<query>");
        }
        String unit = pieces[1];
        if (!MV2_UNIT.matcher(unit).matches()) {
            throw new QueryException("MV2 converts MicroSecond (to milliseconds) and Byte (to kilobytes) only, not '"
                    + unit + "'; for other units use :toUnit(...) in the selector without MV2");
        }
        SliQuery.Scale scale = Character.toLowerCase(unit.charAt(0)) == 'm'
                ? SliQuery.Scale.MICROSECONDS_TO_MILLISECONDS : SliQuery.Scale.BYTES_TO_KILOBYTES;
        String rest = pieces[2].strip();
        if (!rest.contains("=")) {
            throw new QueryException("the query after MV2;" + unit + "; must be metricSelector=...[&entitySelector=...]");
        }
        return metrics(rest, scale);
    }

    private static SliQuery.Metrics metrics(String q, SliQuery.Scale scale) throws QueryException {
        if (q.startsWith("?")) {
            throw new QueryException("a metrics query has no leading '?': metricSelector=...&entitySelector=...");
        }
        int question = q.indexOf('?');
        String head = question < 0 ? q : q.substring(0, question);
        if (!head.contains("=")) {
            return legacy(q, question);
        }
        Map<String, String> p = pairs(q, METRICS_KEYS, "a metrics query");
        String selector = p.get("metricSelector");
        if (selector == null) {
            throw new QueryException("a metrics query needs metricSelector=...; it has " + p.keySet());
        }
        return new SliQuery.Metrics(selector, p.get("entitySelector"), p.get("resolution"), p.get("mzSelector"),
                scale, false);
    }

    private static SliQuery.Metrics legacy(String q, int question) throws QueryException {
        String selector = (question < 0 ? q : q.substring(0, question)).strip();
        if (selector.isEmpty()) {
            throw new QueryException("the query has no metric selector before '?'");
        }
        if (question < 0) {
            return new SliQuery.Metrics(selector, null, "Inf", null, SliQuery.Scale.NONE, true);
        }
        String rest = q.substring(question + 1).strip();
        if (rest.isEmpty()) {
            return new SliQuery.Metrics(selector, null, "Inf", null, SliQuery.Scale.NONE, true);
        }
        Map<String, String> p = pairs(rest, List.of("scope"), "the old selector?scope=... form");
        String scope = p.get("scope");
        if (scope == null) {
            throw new QueryException("the old selector?scope=... form needs scope=...");
        }
        String entitySelector = scope.contains(SERVICE_TYPE) ? scope : scope + "," + SERVICE_TYPE;
        return new SliQuery.Metrics(selector, entitySelector, "Inf", null, SliQuery.Scale.NONE, true);
    }

    private static SliQuery usql(String q) throws QueryException {
        String[] pieces = q.split(";", 4);
        if (pieces.length < 4) {
            throw new QueryException("a USQL query is USQL;<result type>;<dimension>;<query>, such as"
                    + " USQL;COLUMN_CHART;iOS 12.1.4;SELECT osVersion, AVG(duration) FROM usersession GROUP BY"
                    + " osVersion");
        }
        String type = pieces[1];
        String dimension = pieces[2];
        String query = pieces[3].strip();
        if (!USQL_TYPES.contains(type)) {
            throw new QueryException("unknown USQL result type '" + type + "'; known: " + String.join(", ", USQL_TYPES));
        }
        if (type.equals("SINGLE_VALUE") && !dimension.isEmpty()) {
            throw new QueryException("a SINGLE_VALUE USQL query has no dimension: USQL;SINGLE_VALUE;;<query>");
        }
        if (!type.equals("SINGLE_VALUE") && dimension.isEmpty()) {
            throw new QueryException("a " + type + " USQL query names the dimension whose value it takes: USQL;"
                    + type + ";<dimension>;<query>");
        }
        if (query.isEmpty()) {
            throw new QueryException("the USQL query after the dimension is empty");
        }
        return new SliQuery.Usql(type, dimension, query);
    }

    private static Map<String, String> pairs(String text, List<String> keys, String what) throws QueryException {
        String body = text.strip();
        if (body.isEmpty()) {
            throw new QueryException(what + " needs key=value pairs with the keys " + String.join(", ", keys));
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String chunk : body.split("&", -1)) {
            String pair = chunk.strip();
            int eq = pair.indexOf('=');
            if (pair.isEmpty() || eq <= 0 || eq == pair.length() - 1) {
                throw new QueryException("cannot read '" + pair + "' in " + what + " as key=value; pairs are"
                        + " separated by & and every key and value is non-empty");
            }
            String key = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (!keys.contains(key)) {
                throw new QueryException("unknown key '" + key + "' in " + what + "; the keys are "
                        + String.join(", ", keys));
            }
            if (pairs.putIfAbsent(key, value) != null) {
                throw new QueryException("the key '" + key + "' appears twice in " + what);
            }
        }
        return pairs;
    }
}
