/**
 * The REST API applications call, as Twilio's: {@code /v1/Rooms}, RecordingRules and Recordings
 * ({@code *Resource} endpoints, {@code *Json} bodies), and HTTP Basic authentication.
 */
package io.github.recordingrules.adapter.rest;
