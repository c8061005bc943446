package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackKind;
import io.github.recordingrules.support.property.Gen;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.github.recordingrules.domain.rules.RulesGenerators.IDENTITIES;
import static io.github.recordingrules.domain.rules.RulesGenerators.TRACK_NAMES;
import static io.github.recordingrules.domain.rules.RulesGenerators.sid;
import static io.github.recordingrules.support.property.Gen.weighted;

/** Histories of a room as a media server would report them, for the properties of rooms and of their storage. */
public final class RoomHistories {

    /** When every generated history starts. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<TrackKind> KINDS = List.of(TrackKind.AUDIO, TrackKind.VIDEO, TrackKind.DATA);

    private RoomHistories() {
    }

    /** The history as it may arrive: at least once, in any order (docs/SPEC.md §7.6). */
    public static List<RoomEvent> delivered(List<RoomEvent> history, Random random) {
        List<RoomEvent> delivery = new ArrayList<>(history);
        for (int i = random.nextInt(history.size() + 1); i > 0; i--) {
            delivery.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivery, random);
        return delivery;
    }

    /** What a media server would send, one event per second: each choice drives one step. */
    public static Gen<List<RoomEvent>> histories() {
        Gen<List<Integer>> choices = Gen.ints(0, 99_999).list(1, 40);
        return Gen.frequency(
                weighted(3, choices.map(c -> simulate(c, false))),
                weighted(1, choices.map(c -> simulate(c, true))));
    }

    private record Publication(String participant, String identity, String track, TrackKind kind, String name) {
    }

    /**
     * Participants connect once (a reconnection is a new participant SID, as in Twilio), publish
     * tracks while connected, unpublish some, and disconnect; their remaining tracks are reported
     * removed before the disconnection, after it, or not at all. A removed track may be published
     * again under the same SID while its publisher is still connected. Track names are sometimes
     * omitted, consistently for one track, as Twilio's own callbacks omit TrackName.
     * <p>
     * Not generated: a participant SID connecting again after its participant-disconnected (Twilio
     * gives every connection a new SID). Room keeps only a participant's latest presence, so a
     * reconnection delivered before a late track-added from before the disconnection would revive
     * that track.
     */
    public static List<RoomEvent> simulate(List<Integer> choices, boolean roomEnds) {
        List<RoomEvent> events = new ArrayList<>();
        int[] clock = {0};
        Map<String, String> connected = new HashMap<>();          // participant SID -> identity
        List<String> connectedOrder = new ArrayList<>();
        List<Publication> live = new ArrayList<>();
        List<Publication> unpublished = new ArrayList<>();       // removed, publisher still connected
        int participants = 0;
        int tracks = 0;
        for (int choice : choices) {
            int action = choice % 5;
            int pick = choice / 5;
            if (action == 0 || connectedOrder.isEmpty()) {
                String participant = sid("PA", participants++);
                String identity = IDENTITIES.get(pick % IDENTITIES.size());
                connected.put(participant, identity);
                connectedOrder.add(participant);
                events.add(new RoomEvent.ParticipantConnected(T0.plusSeconds(++clock[0]), participant, identity));
            } else if (action <= 2) {
                String participant = connectedOrder.get(pick % connectedOrder.size());
                List<Publication> again = unpublished.stream().filter(u -> u.participant().equals(participant)).toList();
                Publication p;
                if (!again.isEmpty() && (pick / 420) % 3 == 0) {
                    // Published again under the same SID, as a media server with stable track ids does.
                    p = again.get((pick / 1260) % again.size());
                    unpublished.remove(p);
                } else {
                    TrackKind kind = KINDS.get((pick / 7) % KINDS.size());
                    String name = (pick / 21) % 4 == 0 ? null : TRACK_NAMES.get((pick / 84) % TRACK_NAMES.size());
                    p = new Publication(participant, connected.get(participant), sid("MT", tracks++), kind, name);
                }
                live.add(p);
                events.add(new RoomEvent.TrackAdded(T0.plusSeconds(++clock[0]), p.participant(), p.identity(),
                        p.track(), p.kind(), p.name()));
            } else if (action == 3 && !live.isEmpty()) {
                Publication p = live.remove(pick % live.size());
                unpublished.add(p);
                events.add(removal(p, ++clock[0]));
            } else if (action == 4) {
                String participant = connectedOrder.remove(pick % connectedOrder.size());
                String identity = connected.remove(participant);
                List<Publication> own = live.stream().filter(p -> p.participant().equals(participant)).toList();
                live.removeAll(own);
                unpublished.removeIf(u -> u.participant().equals(participant));
                int mode = (pick / 7) % 3;
                if (mode == 0) {
                    own.forEach(p -> events.add(removal(p, ++clock[0])));
                }
                events.add(new RoomEvent.ParticipantDisconnected(T0.plusSeconds(++clock[0]), participant, identity));
                if (mode == 1) {
                    own.forEach(p -> events.add(removal(p, ++clock[0])));
                }
            }
        }
        if (roomEnds) {
            events.add(new RoomEvent.RoomEnded(T0.plusSeconds(++clock[0])));
        }
        // Distinct, increasing timestamps: the serial order is the list order.
        Set<Instant> stamps = new HashSet<>();
        events.forEach(e -> stamps.add(e.timestamp()));
        if (stamps.size() != events.size()) {
            throw new IllegalStateException("timestamps must be distinct");
        }
        return events;
    }

    private static RoomEvent removal(Publication p, int second) {
        return new RoomEvent.TrackRemoved(T0.plusSeconds(second), p.participant(), p.identity(), p.track(), p.kind(), p.name());
    }
}
