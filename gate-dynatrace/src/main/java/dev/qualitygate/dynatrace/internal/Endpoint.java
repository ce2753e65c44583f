package dev.qualitygate.dynatrace.internal;

/** The Dynatrace APIs this source calls, with the token scope each needs. Internal; not API. */
public enum Endpoint {
    /** {@code GET /api/v2/metrics/query}. */
    METRICS("Metrics API v2", "metrics.read"),
    /** {@code GET /api/v2/metrics/{selector}}. */
    METRIC_DESCRIPTOR("Metrics API v2 (metric descriptor)", "metrics.read"),
    /** {@code GET /api/v2/slo/{id}}. */
    SLO("Service-level objectives API", "slo.read"),
    /** {@code GET /api/v2/problems}. */
    PROBLEMS("Problems API v2", "problems.read"),
    /** {@code GET /api/v2/securityProblems}. */
    SECURITY_PROBLEMS("Security problems API", "securityProblems.read"),
    /** {@code GET /api/v1/userSessionQueryLanguage/table}. */
    USER_SESSIONS("User sessions API (USQL)", "DTAQLAccess");

    private final String title;
    private final String scope;

    Endpoint(String title, String scope) {
        this.title = title;
        this.scope = scope;
    }

    /**
     * The API's name for messages.
     *
     * @return the name
     */
    public String title() {
        return title;
    }

    /**
     * The token scope the API needs.
     *
     * @return the scope
     */
    public String scope() {
        return scope;
    }
}
