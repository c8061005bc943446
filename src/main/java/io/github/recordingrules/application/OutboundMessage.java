package io.github.recordingrules.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message a committed change causes. It is written with the change, in the same atomic write
 * (docs/SPEC.md §11.1.4), and delivered at least once, in commit order per room and destination.
 */
public sealed interface OutboundMessage {

    /** Unique per message and the same on every attempt: the receiver's idempotency key. */
    String id();

    Destination destination();

    /**
     * A key that commits this message at most once per room (for example one {@code recording-completed}
     * per recording), or null.
     */
    String once();

    /**
     * One of Twilio's room status callbacks (docs/SPEC.md §11.1.1).
     *
     * @param parameters Twilio's form parameters in the order sent, without {@code SequenceNumber}, which is
     *                   the message's position in the room's queue and only known once it is committed
     */
    record StatusCallback(String id, String once, String url, String method, String event,
                          Map<String, String> parameters) implements OutboundMessage {

        @Override
        public Destination destination() {
            return Destination.STATUS_CALLBACK;
        }
    }

    /**
     * The room's recording tracks after a change that altered them (docs/SPEC.md §11.1.2).
     *
     * @param cause what changed them: the callback's event name, {@code rules-updated} or {@code room-completed}
     */
    record MediaServerPush(String id, String roomSid, String roomName, String roomStatus, String cause,
                           Instant timestamp, List<PushTrack> recordingTracks, List<PushRecording> started,
                           List<PushRecording> stopped) implements OutboundMessage {

        @Override
        public String once() {
            return null;
        }

        @Override
        public Destination destination() {
            return Destination.MEDIA_SERVER;
        }
    }

    /**
     * What a change asks of a media server that records on command ({@link RecordingBackend}), in the order
     * they must be carried out. Carrying them out again does no harm: each is read against the room's state
     * at the time.
     */
    record RecordingCommands(String id, String roomSid, List<RecordingCommand> commands) implements OutboundMessage {

        @Override
        public String once() {
            return null;
        }

        @Override
        public Destination destination() {
            return Destination.RECORDING_COMMANDS;
        }
    }

    /** A recording track as pushed: the track, its publisher, the SID of its processing recording. */
    record PushTrack(String trackSid, String trackName, String kind, String participantSid,
                     String participantIdentity, String recordingSid) {
    }

    /** A recording as pushed; {@code duration} is null while processing. */
    record PushRecording(String sid, String status, String sourceSid, String trackName, String kind,
                         String participantSid, Instant dateCreated, Integer duration) {
    }
}
