package io.github.recordingrules.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The media server of {@link OutboundProfile}: a {@link Receiver} on 127.0.0.1 that gets every push. */
public class OutboundTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PUSH_PATH = "/recording-commands";

    private static Receiver mediaServer;

    @Override
    public synchronized Map<String, String> start() {
        mediaServer = Receiver.start("127.0.0.1");
        return Map.of("recording-rules.media-server.url", mediaServer.url(PUSH_PATH));
    }

    @Override
    public synchronized void stop() {
        if (mediaServer != null) {
            mediaServer.close();
            mediaServer = null;
        }
    }

    public static Receiver mediaServer() {
        return mediaServer;
    }
}
