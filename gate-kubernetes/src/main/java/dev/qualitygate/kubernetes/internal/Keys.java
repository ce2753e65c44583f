package dev.qualitygate.kubernetes.internal;

/** The labels and annotations the plugins write. Internal; not API. */
final class Keys {
    static final String PREFIX = "qualitygate.dev/";
    /** Annotation on a Deployment: the artifact it runs. */
    static final String ARTIFACT = PREFIX + "artifact";
    /** Annotation on a Deployment: the artifact it ran before the last deployment, for rollback. */
    static final String PREVIOUS_ARTIFACT = PREFIX + "previous-artifact";
    /** Annotation on a Deployment: its pod template before the last deployment (JSON), for rollback. */
    static final String PREVIOUS_TEMPLATE = PREFIX + "previous-template";
    /** Annotation on a Deployment: how many replicas the service has in total, to restore after a canary or switch. */
    static final String REPLICAS = PREFIX + "replicas";
    /** Label of blue/green Deployments, their pods and the Services' selectors: {@code blue} or {@code green}. */
    static final String COLOR = PREFIX + "color";
    /** Label of canary Deployments and their pods: {@code canary}. */
    static final String TRACK = PREFIX + "track";
    /** Label of a load test Job and its pods: the Job's name. */
    static final String RUN = PREFIX + "run";
    /** The well-known label naming the tool that manages an object. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY}. */
    static final String QUALITYGATE = "qualitygate";
    /** kubectl's annotation naming a pod's default container. */
    static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

    private Keys() {
    }
}
