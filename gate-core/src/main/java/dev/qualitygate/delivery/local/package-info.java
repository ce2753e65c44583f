/**
 * The {@code local} deployer, the embedded default: it runs each version of a service as a process on this machine
 * (a jar or a command) on a free 127.0.0.1 port, and for {@code blue_green_service} puts a reverse proxy in front,
 * so that the whole delivery story runs without a cluster.
 */
@NullMarked
package dev.qualitygate.delivery.local;

import org.jspecify.annotations.NullMarked;
