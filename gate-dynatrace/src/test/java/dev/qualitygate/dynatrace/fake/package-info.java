/**
 * A fake Dynatrace environment for tests, built from Dynatrace's API documentation and the responses recorded in
 * Keptn's dynatrace-service tests: {@link dev.qualitygate.dynatrace.fake.FakeDynatrace} serves the Metrics API v2,
 * metric descriptors, SLOs, problems, security problems and USQL on the JDK's HTTP server, checks the token and the
 * decoded query parameters, records every request and injects faults. {@link dev.qualitygate.dynatrace.fake.Bodies}
 * writes response bodies in Dynatrace's shapes. Test code, shared with gate-cli as a test-jar; never shipped.
 */
@NullMarked
package dev.qualitygate.dynatrace.fake;

import org.jspecify.annotations.NullMarked;
