package io.github.recordingrules.heapfixture;

import java.util.List;

/** A thread (not started) two levels down: a list of records. */
public final class ThreadInARecordInAList {

    record Worker(String name, Thread thread) {
    }

    static final List<Worker> WORKERS = List.of(new Worker("one", new Thread(() -> { })));

    private ThreadInARecordInAList() {
    }
}
