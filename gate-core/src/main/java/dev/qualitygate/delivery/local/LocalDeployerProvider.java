package dev.qualitygate.delivery.local;

import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeployerProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.nio.file.Path;

/**
 * Creates the {@code local} deployer: each version of a service runs as a process on this machine.
 *
 * <p><b>Artifacts.</b> A path ending in {@code .jar} runs as {@code java [javaOptions] -jar ARTIFACT} with the Java
 * that runs QualityGate; anything else is a command line, split at spaces (no shell). Both run in the
 * {@code workingDirectory}, so relative paths resolve there. The process gets a free port
 * on 127.0.0.1 in the environment variable {@code PORT}, and {@code ${PORT}} in the command line is replaced by it.
 * A version is ready when {@code http://127.0.0.1:PORT<health>} answers 2xx or 3xx; it fails when it exits first or
 * the deployment's timeout passes, and the task's message then quotes the last lines of its output.
 *
 * <p><b>Strategies.</b> {@code direct}: start the new version, wait until it is ready, stop the old one; rollback
 * starts the previous artifact again. {@code blue_green_service} (also {@code blue_green}): a reverse proxy on a port
 * of its own fronts the stage; the new version starts beside the live one and, once ready, the proxy switches to it
 * while the old one keeps running; release stops the old one; rollback switches the proxy back and stops the new one.
 * The deployment's endpoints are the proxy's URL, then the new version's own.
 *
 * <p><b>Lifetime.</b> Processes and proxies live as long as the deployer: closing it stops them all, and a deployer in
 * another process knows nothing of them. That is what a demo, a developer machine or a CI job needs; it is no
 * substitute for a platform.
 *
 * @since 0.1
 */
public final class LocalDeployerProvider implements DeployerProvider {

    /** Creates the provider; it holds no state. */
    public LocalDeployerProvider() {
        // stateless
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String description() {
        return "local: runs each version as a process on 127.0.0.1 (direct, blue/green behind a local proxy)";
    }

    @Override
    public Deployer create(ProviderConfig config, ProviderContext context) {
        LocalDeployerConfig settings = config.bind(LocalDeployerConfig.class);
        return new LocalDeployer(settings, settings.logs() == null ? null : Path.of(settings.logs()));
    }
}
