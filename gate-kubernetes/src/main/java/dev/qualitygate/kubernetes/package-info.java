/**
 * Kubernetes plugins: the {@code kubernetes} deployer ({@link dev.qualitygate.kubernetes.KubernetesDeployerProvider})
 * with the strategies {@code direct}, {@code blue_green_service}, {@code canary} and {@code user_managed}, rollout
 * checks and rollback, and the {@code kubernetes-job} tester
 * ({@link dev.qualitygate.kubernetes.KubernetesJobTesterProvider}) that runs a load test as a Kubernetes Job and
 * collects its results file. Both talk to the cluster through the fabric8 client on the JDK's HTTP client.
 */
@NullMarked
package dev.qualitygate.kubernetes;

import org.jspecify.annotations.NullMarked;
