package dev.qualitygate.dynatrace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://abc12345.live.dynatrace.com|https://abc12345.live.dynatrace.com",
        "https://abc12345.live.dynatrace.com/|https://abc12345.live.dynatrace.com",
        "abc12345.live.dynatrace.com|https://abc12345.live.dynatrace.com",
        "https://dynatrace.example.org/e/8a1e6b0c-2f7d-4e5a-9b3c-1d2e3f4a5b6c|"
                + "https://dynatrace.example.org/e/8a1e6b0c-2f7d-4e5a-9b3c-1d2e3f4a5b6c",
        "https://activegate.example.org:9999/e/abc12345/|https://activegate.example.org:9999/e/abc12345",
        "http://127.0.0.1:8080|http://127.0.0.1:8080"})
    void parse_environmentForms_giveTheBaseAddress(String text, String base) {
        assertThat(TenantUrls.parse(text)).isEqualTo(URI.create(base));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|must not be empty",
        "ftp://abc12345.live.dynatrace.com|must be an https://",
        "https://abc12345.live.dynatrace.com/api/v2|without the API path",
        "https://abc12345.live.dynatrace.com/api|without the API path",
        "https://abc12345.live.dynatrace.com?Api-Token=x|must not have a query",
        "https://user:pw@abc12345.live.dynatrace.com|must not contain user information",
        "https://abc12345.live.dynatrace.com/ui/dashboards|looks like a browser address",
        "https:///e/abc12345|has no host name",
        "https://|is not a URL",
        "https://exa mple.com|is not a URL"})
    void problem_unusableAddress_saysWhy(String text, String message) {
        assertThat(TenantUrls.problem(text)).contains(message);
        assertThatThrownBy(() -> TenantUrls.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
