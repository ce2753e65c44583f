package dev.qualitygate.jmeter.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML JTL ({@code <testResults>}) with a streaming parser: each element directly under the root
 * ({@code <httpSample>}, {@code <sample>}) is one sample; nested samples (redirects, embedded resources, transaction
 * children) are parts of their parent, as in a CSV JTL, and not counted again. A sample with a missing or
 * non-numeric time is a broken row; a file cut off mid-element ends the reading with one broken row. Internal; not
 * API.
 */
final class XmlJtlReader {
    private XmlJtlReader() {
    }

    static JtlSummary read(InputStream in, String file, ReadOptions options) {
        boolean[] fields = options.fields().clone();
        Aggregator sink = new Aggregator(options, fields);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        int line = 0;
        try {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            int depth = 0;
            Sample sample = null;
            boolean inFailureMessage = false;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                line = r.getLocation().getLineNumber();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2) {
                        sample = sample(r, line);
                    } else if (sample != null && "failureMessage".equals(r.getLocalName()) && depth == 4
                            && sample.failure == null) {
                        inFailureMessage = true;
                        text.setLength(0);
                    }
                } else if (event == XMLStreamConstants.CHARACTERS && inFailureMessage) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (inFailureMessage) {
                        inFailureMessage = false;
                        if (sample != null && !text.toString().isBlank()) {
                            sample.failure = text.toString();
                        }
                    }
                    if (depth == 2 && sample != null) {
                        finish(sample, sink, fields);
                        sample = null;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            sink.broken(Math.max(line, 1), "the XML ends or breaks here (" + firstLine(e.getMessage())
                    + "); the rest of the file could not be read");
        }
        Map<String, GroupStats[]> groups = new LinkedHashMap<>(sink.groupsByLabel());
        return new JtlSummary(file, groups, fields, sink.rows, sink.outsideWindow, sink.brokenRows, line,
                sink.described, sink.failures);
    }

    private static String firstLine(String message) {
        String m = message == null ? "malformed XML" : message;
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        int close = first.lastIndexOf("Message: ");
        return close >= 0 ? first.substring(close + 9) : first;
    }

    /** The attributes of one sample element. */
    private static final class Sample {
        int line;
        String t;
        String ts;
        String s;
        String lb;
        String rm;
        String rc;
        String lt;
        String ct;
        String failure;
    }

    private static Sample sample(XMLStreamReader r, int line) {
        Sample s = new Sample();
        s.line = line;
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String v = r.getAttributeValue(i);
            switch (r.getAttributeLocalName(i)) {
                case "t":
                    s.t = v;
                    break;
                case "ts":
                    s.ts = v;
                    break;
                case "s":
                    s.s = v;
                    break;
                case "lb":
                    s.lb = v;
                    break;
                case "rm":
                    s.rm = v;
                    break;
                case "rc":
                    s.rc = v;
                    break;
                case "lt":
                    s.lt = v;
                    break;
                case "ct":
                    s.ct = v;
                    break;
                default:
                    break;
            }
        }
        return s;
    }

    private static void finish(Sample s, Aggregator sink, boolean[] fields) {
        long elapsed = number(s.t);
        long start = number(s.ts);
        long latency = fields[Field.LATENCY.ordinal()] ? number(s.lt) : 0;
        long connect = fields[Field.CONNECT.ordinal()] ? number(s.ct) : 0;
        String problem = null;
        for (Map.Entry<String, Long> e : List.of(Map.entry("t (elapsed)", elapsed), Map.entry("ts (timeStamp)", start),
                Map.entry("lt (Latency)", latency), Map.entry("ct (Connect)", connect))) {
            if (e.getValue() < 0) {
                problem = "attribute " + e.getKey() + " is missing or not a whole number";
                break;
            }
        }
        if (problem == null && !"true".equals(s.s) && !"false".equals(s.s)) {
            problem = "attribute s (success) is neither true nor false";
        }
        if (problem == null && s.lb == null) {
            problem = "attribute lb (label) is missing";
        }
        if (problem != null) {
            sink.broken(s.line, problem);
            return;
        }
        boolean success = "true".equals(s.s);
        if (!success && sink.wantsFailureMessage()) {
            sink.failureMessage(s.failure != null ? s.failure
                    : ((s.rc == null ? "" : s.rc) + " " + (s.rm == null ? "" : s.rm)).trim());
        }
        byte[] label = s.lb.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean parent = s.rm != null && s.rm.startsWith("Number of samples in transaction");
        sink.sample(sink.label(label, 0, label.length), success, parent, start, elapsed, latency, connect);
    }

    private static long number(String v) {
        if (v == null || v.isEmpty() || v.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
