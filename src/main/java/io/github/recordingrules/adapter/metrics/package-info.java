/**
 * What operators see of each request: one log line with its fields (room, event, outcome, recordings, Redis
 * round trips and latency, the Lambda request id) and one CloudWatch Embedded Metric Format record, both
 * from the {@link io.github.recordingrules.application.Metrics} calls of that request. No agent: CloudWatch
 * Logs turns the records into metrics. Depends on no other adapter.
 */
package io.github.recordingrules.adapter.metrics;
