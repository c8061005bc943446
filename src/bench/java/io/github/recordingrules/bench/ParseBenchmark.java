package io.github.recordingrules.bench;

import io.github.recordingrules.domain.rules.InvalidRulesException;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesParser;
import io.github.recordingrules.support.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Strict parsing and validation of a 20-rule set (docs/SPEC.md §2), as every RecordingRules POST does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBenchmark {

    private final String json = Fixtures.twentyRulesJson();

    @Benchmark
    public RecordingRules parseAndValidate20Rules() throws InvalidRulesException {
        return RulesParser.parse(json);
    }
}
