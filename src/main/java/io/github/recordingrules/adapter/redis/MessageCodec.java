package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.application.OutboundMessage;
import io.github.recordingrules.application.OutboundMessage.MediaServerPush;
import io.github.recordingrules.application.OutboundMessage.RecordingCommands;
import io.github.recordingrules.application.OutboundMessage.StatusCallback;
import io.github.recordingrules.application.RecordingCommand;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** An outbound message as stored in a room's queue: one JSON document, whichever its kind. */
@ApplicationScoped
@RegisterForReflection(targets = {MessageCodec.Stored.class, StatusCallback.class, MediaServerPush.class,
        OutboundMessage.PushTrack.class, OutboundMessage.PushRecording.class, RecordingCommands.class,
        RecordingCommand.class, RecordingCommand.Action.class})
public class MessageCodec {

    /** Exactly one of them is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(StatusCallback statusCallback, MediaServerPush mediaServerPush, RecordingCommands recordingCommands) {
    }

    private final ObjectMapper json;

    MessageCodec(ObjectMapper json) {
        this.json = json;
    }

    String encode(OutboundMessage message) {
        Stored stored = message instanceof StatusCallback callback ? new Stored(callback, null, null)
                : message instanceof MediaServerPush push ? new Stored(null, push, null)
                : new Stored(null, null, (RecordingCommands) message);
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbound message is always serialisable", e);
        }
    }

    OutboundMessage decode(String text) {
        try {
            Stored stored = json.readValue(text, Stored.class);
            return stored.statusCallback() != null ? stored.statusCallback()
                    : stored.mediaServerPush() != null ? stored.mediaServerPush() : stored.recordingCommands();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored outbound message is unreadable", e);
        }
    }
}
