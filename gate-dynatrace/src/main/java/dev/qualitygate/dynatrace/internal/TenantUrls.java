package dev.qualitygate.dynatrace.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the address of a Dynatrace environment: SaaS {@code https://{env-id}.live.dynatrace.com}, Managed
 * {@code https://{domain}/e/{env-id}} or an Environment ActiveGate {@code https://{activegate}:9999/e/{env-id}}.
 * As Keptn's dynatrace-service did, an address without scheme gets {@code https://}. Internal; not API.
 */
public final class TenantUrls {
    private static final String FORMS = "https://{env-id}.live.dynatrace.com (SaaS), https://{domain}/e/{env-id}"
            + " (Managed) or https://{activegate}:9999/e/{env-id} (ActiveGate)";

    private TenantUrls() {
    }

    /**
     * The base address API paths are appended to.
     *
     * @param text the address as configured
     * @return the address with scheme and without trailing slash
     * @throws IllegalArgumentException if it is not an environment address; the message says why
     */
    public static URI parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return uri(text);
    }

    /**
     * Why a text is not an environment address.
     *
     * @param text the address as configured
     * @return the problem, or {@code null} if the address is usable
     */
    public static @Nullable String problem(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "must not be empty; give the environment's address: " + FORMS;
        }
        URI uri;
        try {
            uri = uri(trimmed);
        } catch (IllegalArgumentException e) {
            return "is not a URL (" + e.getMessage() + "); give the environment's address: " + FORMS;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must be an https:// (or http://) address, not " + scheme + ": " + FORMS;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "has no host name; give the environment's address: " + FORMS;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment (never put the token into the URL); give the environment's"
                    + " address: " + FORMS;
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user information; the token goes into the token setting";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.equals("/api") || path.startsWith("/api/") || path.contains("/api/v")) {
            return "must be the environment's address without the API path (drop /api...): " + FORMS;
        }
        if (path.contains("/ui/") || path.endsWith("/ui") || path.contains("#")) {
            return "looks like a browser address; give the environment's address: " + FORMS;
        }
        return null;
    }

    private static URI uri(String text) {
        String trimmed = text.strip();
        String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
        while (withScheme.endsWith("/")) {
            withScheme = withScheme.substring(0, withScheme.length() - 1);
        }
        try {
            return new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason(), e);
        }
    }
}
