/**
 * Evaluation history and delivery events in PostgreSQL: {@link dev.qualitygate.jdbc.JdbcEvaluationStore}, the
 * {@link dev.qualitygate.history.EvaluationStore} that every machine of a team can share, with its
 * {@linkplain dev.qualitygate.jdbc.JdbcEvaluationStore#eventLog() event log} of delivery runs;
 * {@link dev.qualitygate.jdbc.EvaluationStores}, which opens the store a configuration names (a directory or a
 * {@code jdbc:postgresql:} URL), and {@link dev.qualitygate.jdbc.DeliveryStore}, which opens its history and event
 * log together. Uses {@code java.sql} only; the application puts the PostgreSQL JDBC driver on the class path.
 */
@NullMarked
package dev.qualitygate.jdbc;

import org.jspecify.annotations.NullMarked;
