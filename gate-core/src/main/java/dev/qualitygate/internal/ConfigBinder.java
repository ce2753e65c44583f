package dev.qualitygate.internal;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.GateException;
import dev.qualitygate.error.Problem;
import jakarta.validation.ConstraintViolation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds a provider's settings map to its configuration record and validates it. Internal; not API.
 */
public final class ConfigBinder {
    private static final String SECRETS = "qualitygate.secrets";

    private static final Map<Class<?>, JsonMapper> MAPPERS = new ConcurrentHashMap<>();

    private ConfigBinder() {
    }

    /**
     * Binds and validates.
     *
     * @param origin where the settings come from, for problems
     * @param settings the settings
     * @param secretType the type of secret components, read from strings through {@code secrets}
     * @param secrets turns a setting's text (a reference such as {@code ${env:NAME}}) into a secret
     * @param type the configuration record
     * @param <S> the secret type
     * @param <R> the configuration type
     * @return the bound, valid configuration
     * @throws GateConfigException listing the problems
     */
    public static <S, R> R bind(String origin, Map<String, Object> settings, Class<S> secretType,
            Function<String, S> secrets, Class<R> type) {
        JsonMapper mapper = MAPPERS.computeIfAbsent(secretType, ConfigBinder::mapper);
        R bound;
        try {
            JsonNode tree = mapper.valueToTree(settings);
            bound = mapper.readerFor(type).withAttribute(SECRETS, secrets).readValue(tree);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new GateConfigException(new Problem(origin, 0, 0, e.getPropertyName(),
                    "unknown setting" + (known.isEmpty() ? "" : "; known settings are " + known), null));
        } catch (JacksonException e) {
            String path = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            Throwable cause = e.getCause() instanceof GateException ? e.getCause() : null;
            String message = cause != null ? cause.getMessage() : firstLine(e.getOriginalMessage());
            throw new GateConfigException(new Problem(origin, 0, 0, path.replace(".[", "["), message, null));
        } catch (IllegalArgumentException e) {
            throw new GateConfigException(Problem.of(origin, firstLine(e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        for (ConstraintViolation<R> v : Validators.validator().validate(bound)) {
            Object invalid = v.getInvalidValue();
            String value = invalid instanceof String || invalid instanceof Number ? invalid.toString() : null;
            problems.add(new Problem(origin, 0, 0, v.getPropertyPath().toString(), v.getMessage(), value));
        }
        if (!problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
        return bound;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JsonMapper mapper(Class<?> secretType) {
        SimpleModule module = new SimpleModule("qualitygate-settings")
                .addDeserializer(Duration.class, new DurationDeserializer());
        module.addDeserializer((Class) secretType, new SecretDeserializer(secretType));
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(module)
                .build();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid setting";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final class SecretDeserializer extends ValueDeserializer<Object> {
        private final Class<?> secretType;

        SecretDeserializer(Class<?> secretType) {
            this.secretType = secretType;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Function<String, ?> resolver = (Function<String, ?>) ctxt.getAttribute(SECRETS);
            String text = p.getValueAsString();
            if (text == null || resolver == null) {
                return ctxt.handleUnexpectedToken(secretType, p);
            }
            return resolver.apply(text);
        }
    }

    private static final class DurationDeserializer extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken().isNumeric()) {
                return Duration.ofMillis(Math.round(p.getDoubleValue() * 1000));
            }
            String text = p.getValueAsString();
            if (text == null) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            if (text.startsWith("P") || text.startsWith("p")) {
                try {
                    return Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw new GateException("\"" + text + "\" is not a duration such as 30s, 5m or PT30S");
                }
            }
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new GateException("\"" + text + "\" is not a duration such as 30s, 5m or PT30S");
            }
        }
    }
}
