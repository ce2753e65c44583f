package dev.qualitygate.spi;

import dev.qualitygate.error.GateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Resolves secret references in settings: {@code ${env:NAME}} reads an environment variable,
 * {@code ${file:/path}} reads a file (its content without a trailing newline); any other text is the secret itself.
 *
 * @since 0.1
 */
public final class SecretResolver {
    private final Function<String, @Nullable String> environment;

    private SecretResolver(Function<String, @Nullable String> environment) {
        this.environment = environment;
    }

    /**
     * A resolver that reads the process environment.
     *
     * @return the resolver
     */
    public static SecretResolver system() {
        return new SecretResolver(System::getenv);
    }

    /**
     * A resolver with a fixed environment, for tests.
     *
     * @param environment variable name to value
     * @return the resolver
     */
    public static SecretResolver of(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new SecretResolver(copy::get);
    }

    /**
     * Resolves a reference.
     *
     * @param reference {@code ${env:NAME}}, {@code ${file:/path}} or a literal secret
     * @return the secret
     * @throws GateException if the variable is not set or the file cannot be read; the message names the variable
     *     or file, never a secret
     */
    public Secret resolve(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.startsWith("${env:") && reference.endsWith("}")) {
            String name = reference.substring(6, reference.length() - 1);
            String value = environment.apply(name);
            if (value == null) {
                throw new GateException("the environment variable " + name + " is not set");
            }
            return Secret.of(value);
        }
        if (reference.startsWith("${file:") && reference.endsWith("}")) {
            Path file = Path.of(reference.substring(7, reference.length() - 1));
            try {
                return Secret.of(Files.readString(file, StandardCharsets.UTF_8).stripTrailing());
            } catch (IOException e) {
                throw new GateException("cannot read the secret file " + file + ": " + e.getClass().getSimpleName());
            }
        }
        return Secret.of(reference);
    }

    /**
     * Resolves {@code ${env:NAME}} references inside a plain (non-secret) text, such as a URL.
     *
     * @param text text that may contain references
     * @return the text with every {@code ${env:NAME}} replaced
     * @throws GateException if a variable is not set
     */
    public String expand(String text) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${env:", i);
            int end = start < 0 ? -1 : text.indexOf('}', start);
            if (start < 0 || end < 0) {
                sb.append(text, i, text.length());
                break;
            }
            sb.append(text, i, start);
            sb.append(resolve(text.substring(start, end + 1)).reveal());
            i = end + 1;
        }
        return sb.toString();
    }
}
