/**
 * Twilio-style room status callbacks from a media server: the endpoint, the form reader, the
 * {@code X-Twilio-Signature} check and the answer naming what to record.
 */
package io.github.recordingrules.adapter.twilio;
