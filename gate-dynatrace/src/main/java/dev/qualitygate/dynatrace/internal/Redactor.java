package dev.qualitygate.dynatrace.internal;

import dev.qualitygate.spi.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Removes the token from texts that reach users or logs: Dynatrace's answers, URLs, exception messages. Internal;
 * not API.
 */
public final class Redactor {
    private static final String MASK = "****";
    private final Secret token;

    /**
     * Creates a redactor for a token.
     *
     * @param token the token to hide
     */
    public Redactor(Secret token) {
        this.token = token;
    }

    /**
     * The text with every occurrence of the token, plain or URL-encoded, replaced by {@code ****}.
     *
     * @param text any text
     * @return the text without the token
     */
    public String redact(String text) {
        String secret = token.reveal();
        if (secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK).replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), MASK);
    }
}
