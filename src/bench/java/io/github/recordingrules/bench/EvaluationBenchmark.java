package io.github.recordingrules.bench;

import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.TrackInfo;
import io.github.recordingrules.support.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Evaluation of 20 rules over a room's published tracks (docs/SPEC.md §3.1). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark {

    @Param({"10", "100", "1000"})
    public int tracks;

    private RecordingRules rules;
    private List<TrackInfo> published;

    @Setup
    public void setUp() {
        rules = Fixtures.twentyRules();
        published = Fixtures.tracks(tracks);
        if (rules.rules().size() != 20 || rules.recordingTracks(published).size() != tracks) {
            throw new IllegalStateException("fixture is not 20 rules recording every track");
        }
    }

    /**
     * The previous algorithm, kept as a baseline: every track tried against the rules from the last one
     * back ({@link RecordingRules#records}, unchanged), into a default-sized set.
     */
    @Benchmark
    public Set<String> evaluate20RulesLinearScan() {
        Set<String> recorded = new java.util.LinkedHashSet<>();
        for (TrackInfo track : published) {
            if (rules.records(track)) {
                recorded.add(track.sid());
            }
        }
        return recorded;
    }

    /** The set of recording tracks of a room with {@code tracks} published tracks under 20 rules. */
    @Benchmark
    public Set<String> evaluate20Rules() {
        return rules.recordingTracks(published);
    }
}
