package dev.qualitygate.jmeter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@code jmeter} metric source, as written under {@code sources:} in {@code gate.yaml}.
 *
 * <pre>{@code
 * sources:
 *   jmeter:
 *     file: results/load.jtl
 * }</pre>
 *
 * @param file the JTL results file ({@code file}); a relative path is resolved against the working directory
 * @param format {@code auto} (default: {@code <} as the first character means XML), {@code csv} or {@code xml}
 *     ({@code format})
 * @param delimiter the CSV field delimiter, one character ({@code delimiter}; default {@code ,}, JMeter's
 *     {@code jmeter.save.saveservice.default_delimiter})
 * @param columns the column names of a CSV file written without a header
 *     ({@code jmeter.save.saveservice.print_field_names=false}) whose columns are not JMeter's default ones
 *     ({@code columns}); by default JMeter's 17 default columns
 * @param timestampFormat the {@link java.time.format.DateTimeFormatter} pattern of {@code timeStamp} when JMeter
 *     wrote dates instead of epoch milliseconds ({@code timestampFormat}, for example {@code yyyy/MM/dd HH:mm:ss.SSS};
 *     times without a zone are read in the system's zone)
 * @param useWindow whether to count only samples that started within the evaluated window ({@code useWindow});
 *     default {@code false}: the file is the test run, whatever window is evaluated
 * @param threads how many threads read a large CSV file ({@code threads}; default the number of processors)
 * @since 0.1
 */
public record JMeterMetricSourceConfig(
        @NotBlank(message = "must name the JTL results file") String file,
        @Nullable @Pattern(regexp = "auto|csv|xml", message = "must be auto, csv or xml") String format,
        @Nullable @Size(min = 1, max = 1, message = "must be one character") String delimiter,
        @Nullable List<@NotBlank String> columns,
        @Nullable String timestampFormat,
        @Nullable Boolean useWindow,
        @Nullable @Min(1) @Max(64) Integer threads) {
}
