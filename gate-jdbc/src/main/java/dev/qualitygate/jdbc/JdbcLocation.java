package dev.qualitygate.jdbc;

import dev.qualitygate.error.GateException;
import dev.qualitygate.spi.Secret;
import dev.qualitygate.spi.SecretResolver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A {@code jdbc:postgresql:} URL as a user writes it, with {@code ${env:NAME}} references anywhere and the
 * credentials as its {@code user} and {@code password} parameters, taken apart into what the driver gets.
 *
 * <p>The {@code user} and {@code password} parameters are removed from the URL and passed as connection properties:
 * a reference ({@code ${env:NAME}} or {@code ${file:/path}}) is resolved and used as it is; a literal is URL-decoded,
 * as the driver would have done. {@code ${env:NAME}} references elsewhere are expanded in place. The
 * {@link #description()} is the URL as written, with a literal password replaced by {@code ****}, so that it may
 * appear in messages.
 */
final class JdbcLocation {
    static final String PREFIX = "jdbc:postgresql:";
    private static final String MASK = "****";

    private final String url;
    private final Properties credentials;
    private final String description;

    private JdbcLocation(String url, Properties credentials, String description) {
        this.url = url;
        this.credentials = credentials;
        this.description = description;
    }

    /**
     * Takes a written URL apart, resolving its references.
     *
     * @param written the URL as written
     * @param secrets resolves the references
     * @return the location
     * @throws GateException if it is not a {@code jdbc:postgresql:} URL or a reference cannot be resolved; the
     *     message shows the URL as {@link #description()} does
     */
    static JdbcLocation parse(String written, SecretResolver secrets) {
        int query = written.indexOf('?');
        String base = query < 0 ? written : written.substring(0, query);
        List<String[]> parameters = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : written.substring(query + 1).split("&", -1)) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int eq = parameter.indexOf('=');
                parameters.add(eq < 0 ? new String[] {parameter, ""}
                        : new String[] {parameter.substring(0, eq), parameter.substring(eq + 1)});
            }
        }
        String description = describe(base, parameters);
        if (!written.startsWith(PREFIX)) {
            throw new GateException("the store " + description + " is not a PostgreSQL JDBC URL: QualityGate keeps"
                    + " history in PostgreSQL, written jdbc:postgresql://HOST:PORT/DATABASE");
        }
        try {
            Properties credentials = new Properties();
            StringBuilder url = new StringBuilder(secrets.expand(base));
            char separator = '?';
            for (String[] p : parameters) {
                if (p[0].equals("user") || p[0].equals("password")) {
                    credentials.setProperty(p[0], credential(p[1], secrets).reveal());
                } else {
                    url.append(separator).append(p[0]).append('=').append(secrets.expand(p[1]));
                    separator = '&';
                }
            }
            return new JdbcLocation(url.toString(), credentials, description);
        } catch (GateException e) {
            throw new GateException("the store " + description + ": " + e.getMessage());
        }
    }

    private static Secret credential(String value, SecretResolver secrets) {
        if (value.startsWith("${") && value.endsWith("}")) {
            return secrets.resolve(value);
        }
        return Secret.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
    }

    private static String describe(String base, List<String[]> parameters) {
        StringBuilder sb = new StringBuilder(base);
        char separator = '?';
        for (String[] p : parameters) {
            boolean literalPassword = p[0].equals("password") && !(p[1].startsWith("${") && p[1].endsWith("}"));
            sb.append(separator).append(p[0]).append('=').append(literalPassword ? MASK : p[1]);
            separator = '&';
        }
        return sb.toString();
    }

    /**
     * The URL for the driver: references expanded, without {@code user} and {@code password}.
     *
     * @return the URL; may hold expanded values, so it is not for messages
     */
    String url() {
        return url;
    }

    /**
     * The credentials the URL named.
     *
     * @return a new {@link Properties} with {@code user} and {@code password} if the URL had them
     */
    Properties credentials() {
        Properties copy = new Properties();
        copy.putAll(credentials);
        return copy;
    }

    /**
     * The URL as written, with a literal password masked.
     *
     * @return text for messages
     */
    String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
