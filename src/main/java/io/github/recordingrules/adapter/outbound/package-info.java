/**
 * Messages to the outside (docs/SPEC.md §11.1): Twilio's room status callbacks to applications and signed pushes
 * to the media server, the {@link io.github.recordingrules.application.Deliverer}s; the HTTP client they share;
 * and the guard that keeps them from private, loopback and link-local addresses.
 */
package io.github.recordingrules.adapter.outbound;
