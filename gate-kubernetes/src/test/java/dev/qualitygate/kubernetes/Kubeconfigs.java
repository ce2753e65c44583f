package dev.qualitygate.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes kubeconfig files for tests. */
final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /**
     * A kubeconfig with two contexts: {@code mock}, pointing at the given server, and {@code elsewhere} (the current
     * context), pointing at a closed port, so that only choosing the context by name reaches the server.
     */
    static Path write(Path file, String serverUrl) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                current-context: elsewhere
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                  - name: elsewhere
                    cluster:
                      server: http://127.0.0.1:9
                users:
                  - name: tester
                    user:
                      token: test-token
                contexts:
                  - name: mock
                    context: {cluster: mock, user: tester}
                  - name: elsewhere
                    context: {cluster: elsewhere, user: tester}
                """.formatted(serverUrl);
        return Files.writeString(file, yaml);
    }
}
