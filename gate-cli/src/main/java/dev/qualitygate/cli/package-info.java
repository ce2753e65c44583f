/**
 * The {@code gate} command line: {@code gate validate}, {@code gate evaluate}, {@code gate history} and
 * {@code gate demo}, built on picocli over the gate-core API. {@link dev.qualitygate.cli.GateCommand} is the entry
 * point; the subcommands are package-private. An application, not a library: it binds SLF4J to slf4j-simple.
 */
@NullMarked
package dev.qualitygate.cli;

import org.jspecify.annotations.NullMarked;
