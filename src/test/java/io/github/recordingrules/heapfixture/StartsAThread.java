package io.github.recordingrules.heapfixture;

/** Starts a thread while initialised and keeps no reference to it. */
public final class StartsAThread {

    static {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "heapfixture-sleeper");
        sleeper.setDaemon(true);
        sleeper.start();
    }

    private StartsAThread() {
    }
}
