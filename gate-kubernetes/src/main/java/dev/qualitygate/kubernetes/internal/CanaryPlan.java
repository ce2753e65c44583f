package dev.qualitygate.kubernetes.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a canary rollout, read from the deployment task's properties: {@code steps} (the canary's shares in
 * percent, rising, for example {@code [10, 50]} or {@code "10,25,50"}; by default {@code [10, 50]}) and
 * {@code interval} (how long each step runs before it is evaluated, for example {@code 1m}; by default none).
 * Internal; not API.
 *
 * @param percents the shares, rising, each 1 to 100
 * @param interval the time each step runs before its evaluation
 */
record CanaryPlan(List<Integer> percents, Duration interval) {
    static final List<Integer> DEFAULT_STEPS = List.of(10, 50);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h))+");

    CanaryPlan {
        percents = List.copyOf(percents);
    }

    /**
     * Reads the plan.
     *
     * @throws DeployFailure listing every problem with the properties
     */
    static CanaryPlan of(Map<String, Object> properties) {
        List<String> problems = new ArrayList<>();
        List<Integer> percents = steps(properties.get("steps"), problems);
        Duration interval = interval(properties.get("interval"), problems);
        if (!problems.isEmpty()) {
            throw new DeployFailure("invalid canary task properties: " + String.join("; ", problems));
        }
        return new CanaryPlan(percents, interval);
    }

    /** How many of {@code total} replicas the canary gets at a share: at least one, at most all. */
    static int canaryReplicas(int total, int percent) {
        return Math.max(1, Math.min(total, Math.round(total * percent / 100f)));
    }

    private static List<Integer> steps(Object value, List<String> problems) {
        if (value == null) {
            return DEFAULT_STEPS;
        }
        List<Object> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            items.addAll(list);
        } else {
            for (String part : value.toString().split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    items.add(part);
                }
            }
        }
        if (items.isEmpty()) {
            problems.add("steps is empty; give the canary's shares in percent, for example [10, 50]");
            return List.of();
        }
        List<Integer> percents = new ArrayList<>();
        int before = 0;
        for (Object item : items) {
            String text = String.valueOf(item).trim().replace("%", "");
            int p;
            try {
                p = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                problems.add("steps: \"" + item + "\" is not a whole percentage");
                continue;
            }
            if (p < 1 || p > 100) {
                problems.add("steps: " + p + " is not a share between 1 and 100");
            } else if (p <= before) {
                problems.add("steps: " + p + " does not rise above the step before it (" + before + ")");
            } else {
                before = p;
            }
            percents.add(p);
        }
        return percents;
    }

    private static Duration interval(Object value, List<String> problems) {
        if (value == null) {
            return Duration.ZERO;
        }
        String text = value.toString().trim();
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                problems.add("interval: \"" + text + "\" is not a duration such as 30s, 5m or PT30S");
                return Duration.ZERO;
            }
        }
        if (!text.isEmpty() && DURATION.matcher(text).matches()) {
            Duration total = Duration.ZERO;
            Matcher m = DURATION_PART.matcher(text);
            while (m.find()) {
                long amount = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
            return total;
        }
        problems.add("interval: \"" + text + "\" is not a duration such as 30s, 5m or PT30S");
        return Duration.ZERO;
    }
}
