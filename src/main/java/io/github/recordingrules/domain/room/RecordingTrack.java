package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackInfo;

/** A track being recorded now, with its processing recording: one member of the set of recording tracks. */
public record RecordingTrack(TrackInfo track, Recording recording) {
}
