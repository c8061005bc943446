/**
 * LiveKit, driven directly (docs/LIVEKIT.md): its signed webhooks in at {@code /webhooks/livekit}, its
 * ids mapped to Twilio-shaped SIDs, and one track egress per recording out through its Egress API.
 * Depends on the core, the shared HTTP layer and the configuration mapping only.
 */
package io.github.recordingrules.adapter.livekit;
