/**
 * The Lambda entry point: API Gateway HTTP API events in, through Quarkus' virtual HTTP channel to the
 * other adapters, and their answers back out as the events' responses. Depends on adapter.http only.
 */
package io.github.recordingrules.adapter.lambda;
