package dev.qualitygate.prometheus;

import dev.qualitygate.prometheus.internal.ValidPrometheusConfig;
import dev.qualitygate.spi.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@code prometheus} metric source, as written under {@code sources.<name>} in {@code gate.yaml}
 * or passed to {@code Gate.Builder.source("prometheus", settings)}.
 *
 * <p>Only {@code url} is required; it must be {@code http} or {@code https}, with a host and without credentials,
 * query or fragment. {@code timeout} and {@code totalTimeout} must be positive, {@code retryBackoff} not negative;
 * a {@code token} excludes {@code username} and {@code password}, which go together. Every problem is reported at
 * once, under its setting. A setting that is absent arrives here as {@code null} and takes its default, so every
 * accessor but {@link #token()}, {@link #username()} and {@link #password()} returns a value. Secrets are written as
 * {@code ${env:NAME}} or {@code ${file:/path}} and are never shown by {@link #toString()}.
 *
 * <p>Each SLI gets {@code totalTimeout} in all: a request waits at most {@code timeout} (less if the total has less
 * left), and a request that fails with HTTP 5xx, HTTP 429 or a connection failure is tried again up to
 * {@code retries} times, after {@code retryBackoff}, then twice that, and so on (each delay randomly shortened by up
 * to half, so that many SLIs do not retry in step; a longer {@code Retry-After} in seconds is honoured). A retry that
 * would end after the total time is not started.
 *
 * @param url the server's base URL ({@code url}), such as {@code http://127.0.0.1:9090} or
 *     {@code https://example.org/prometheus}; {@code http} or {@code https}, without credentials; may contain
 *     {@code ${env:NAME}}
 * @param token a bearer token ({@code token}), sent as {@code Authorization: Bearer ...}; {@code null} for none
 * @param username the user name for HTTP basic authentication ({@code username}); {@code null} for none
 * @param password the password for HTTP basic authentication ({@code password}); needed with {@code username}
 * @param timeout how long one request may take ({@code timeout}); default 10 s; also sent to Prometheus as its
 *     query {@code timeout}
 * @param retries how often a failed request is tried again ({@code retries}); 0 to 10, default 2
 * @param retryBackoff the delay before the first retry ({@code retryBackoff}); doubled for each further one;
 *     default 250 ms
 * @param totalTimeout how long one SLI may take in all, retries and delays included ({@code totalTimeout}); default
 *     30 s, half of the gate's default fetch timeout
 * @since 0.1
 */
@ValidPrometheusConfig
public record PrometheusConfig(
        @NotNull URI url,
        @Nullable Secret token,
        @Nullable String username,
        @Nullable Secret password,
        Duration timeout,
        @Min(0) @Max(10) Integer retries,
        Duration retryBackoff,
        Duration totalTimeout) {

    /** The default of {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The default of {@code retries}. */
    public static final int DEFAULT_RETRIES = 2;
    /** The default of {@code retryBackoff}. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(250);
    /** The default of {@code totalTimeout}. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);

    /** Puts the default in place of each absent ({@code null}) optional setting. */
    public PrometheusConfig {
        timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
        retries = Objects.requireNonNullElse(retries, DEFAULT_RETRIES);
        retryBackoff = Objects.requireNonNullElse(retryBackoff, DEFAULT_RETRY_BACKOFF);
        totalTimeout = Objects.requireNonNullElse(totalTimeout, DEFAULT_TOTAL_TIMEOUT);
    }

    /**
     * Settings for a server without authentication, with every default.
     *
     * @param url the server's base URL
     * @return the settings
     */
    public static PrometheusConfig of(URI url) {
        return new PrometheusConfig(Objects.requireNonNull(url, "url"), null, null, null, DEFAULT_TIMEOUT,
                DEFAULT_RETRIES, DEFAULT_RETRY_BACKOFF, DEFAULT_TOTAL_TIMEOUT);
    }
}
