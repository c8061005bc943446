package io.github.recordingrules.domain.room;

import java.util.List;

/**
 * What posting a rule set would do to a room, computed on a copy of it, so that nothing changes.
 *
 * @param decisions  how the posted rules would decide each published track
 * @param wouldStart the recordings that would start, one per track entering the set (their SIDs are placeholders)
 * @param wouldStop  the processing recordings that would complete
 */
public record RulesPreview(List<TrackDecision> decisions, List<Recording> wouldStart, List<Recording> wouldStop) {
}
