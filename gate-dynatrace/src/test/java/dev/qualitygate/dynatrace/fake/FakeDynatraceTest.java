package dev.qualitygate.dynatrace.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake's own checks, with hand-written requests: it must refuse what Dynatrace refuses. */
class FakeDynatraceTest {
    private static final String TOKEN = "dt0c01.FAKETESTPUBLIC000000000.FAKETESTSECRET";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeDynatrace dt;

    @BeforeEach
    void start() throws IOException {
        dt = FakeDynatrace.start(TOKEN).metric("builtin:service.response.time", "MicroSecond", true, "avg");
    }

    @AfterEach
    void stop() {
        dt.close();
    }

    private HttpResponse<String> get(String pathAndQuery, @Nullable String authorization, @Nullable String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dt.url() + pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, "Api-Token " + TOKEN, null);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {"NONE", "Api-Token wrong", "Bearer " + TOKEN, "'" + TOKEN + "'"})
    void request_withoutTheApiToken_isRefusedWith401(@Nullable String authorization)
            throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v2/metrics/query?metricSelector=builtin:service.response.time",
                authorization, null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":401,\"message\":\"Token Authentication failed\"}}");
    }

    @Test
    void request_acceptingHtml_isRefusedWith406() throws IOException, InterruptedException {
        assertThat(get("/api/v2/metrics/query?metricSelector=builtin:service.response.time", "Api-Token " + TOKEN,
                "text/html").statusCode()).isEqualTo(406);
        assertThat(get("/api/v2/metrics/query?metricSelector=builtin:service.response.time", "Api-Token " + TOKEN,
                "text/csv; header=present").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsQuery_withoutSelector_answersConstraintViolation() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v2/metrics/query?from=now-2h");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":400,\"message\":\"Constraints violated.\","
                + "\"constraintViolations\":[{\"path\":\"nextPageKey\",\"message\":\"expected one of nextPageKey or"
                + " metricSelector to be specified\",\"parameterLocation\":\"QUERY\",\"location\":null}]}}");
    }

    @ParameterizedTest
    @CsvSource({"from=1767261600000,200", "from=now-2h,200", "from=now-1y/w,200", "from=2021-01-25T05:57:01.123%2B01:00,200",
        "from=2021-01-25%2005:57:01,200", "from=yesterday,400", "resolution=Inf,200", "resolution=10m,200",
        "resolution=10x,400", "entitySelector=type(SERVICE),200", "entitySelector=entityId(%22SERVICE-1%22),200",
        "entitySelector=tag(keptn_project:p),400", "mzSelector=mzName(%22x%22),200", "mzSelector=x,400"})
    void metricsQuery_parameters_areCheckedAsDynatraceDoes(String parameter, int status)
            throws IOException, InterruptedException {
        assertThat(get("/api/v2/metrics/query?metricSelector=builtin:service.response.time&" + parameter)
                .statusCode()).isEqualTo(status);
    }

    @Test
    void metricsQuery_matchesDecodedParametersWhateverTheEncoding() throws IOException, InterruptedException {
        String selector = "builtin:service.response.time:filter(eq(\"a~\\\"b\",\"x y\"))";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.single(selector, 1L, 7.0)));

        HttpResponse<String> goStyle = get("/api/v2/metrics/query?metricSelector=builtin%3Aservice.response.time"
                + "%3Afilter%28eq%28%22a~%5C%22b%22%2C%22x+y%22%29%29&resolution=Inf");
        HttpResponse<String> javaStyle = get("/api/v2/metrics/query?resolution=Inf&metricSelector=builtin:service"
                + ".response.time:filter(eq(%22a%7E%5C%22b%22,%22x%20y%22))");

        assertThat(goStyle.body()).contains("\"values\":[7.0]").isEqualTo(javaStyle.body());
        assertThat(dt.requests()).extracting(r -> r.params().get("metricSelector")).containsOnly(selector);
    }

    @Test
    void metricsQuery_unknownMetric_answers404_knownWithoutScript_noData() throws IOException, InterruptedException {
        assertThat(get("/api/v2/metrics/query?metricSelector=builtin:nope").statusCode()).isEqualTo(404);
        HttpResponse<String> none = get("/api/v2/metrics/query?metricSelector=(builtin:service.response.time:avg)"
                + ":names&resolution=Inf");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("\"totalCount\":0", "\"data\":[]");
    }

    @Test
    void descriptor_ofTransformedSelector_hasValueAggregationAndWarning() throws IOException, InterruptedException {
        HttpResponse<String> plain = get("/api/v2/metrics/builtin%3Aservice.response.time");
        HttpResponse<String> transformed = get("/api/v2/metrics/builtin%3Aservice.response.time%3Amerge%280%29");

        assertThat(plain.body()).contains("\"unit\":\"MicroSecond\"", "\"defaultAggregation\":{\"type\":\"avg\"}",
                "\"resolutionInfSupported\":true").doesNotContain("warnings");
        assertThat(transformed.body()).contains("\"defaultAggregation\":{\"type\":\"value\"}",
                "\"aggregationTypes\":[\"auto\",\"value\"]", "dimensionCardinalities");
    }

    @Test
    void slo_gtfWithoutWindow_answersConstraintViolation() throws IOException, InterruptedException {
        dt.slo("abc", Bodies.resource("slo-success.json"));

        assertThat(get("/api/v2/slo/abc?timeFrame=GTF").statusCode()).isEqualTo(400);
        assertThat(get("/api/v2/slo/abc?timeFrame=GTF&from=1&to=2").statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/slo/other?timeFrame=GTF&from=1&to=2").statusCode()).isEqualTo(404);
    }

    @Test
    void managedEnvironment_servesOnlyBelowItsPath() throws IOException, InterruptedException {
        try (FakeDynatrace managed = FakeDynatrace.startManaged(TOKEN, "env1")) {
            HttpRequest outside = HttpRequest.newBuilder(URI.create(managed.url().replace("/e/env1", "")
                    + "/api/v2/metrics/query?metricSelector=x")).header("Authorization", "Api-Token " + TOKEN).build();

            assertThat(CLIENT.send(outside, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(managed.requests()).singleElement().satisfies(r -> assertThat(r.path())
                    .isEqualTo("/api/v2/metrics/query"));
        }
    }
}
