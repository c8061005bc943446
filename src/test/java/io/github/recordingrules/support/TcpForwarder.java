package io.github.recordingrules.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback, standing in for the network between two Redis parties: for the DNS name of a
 * primary endpoint that a failover moves to the promoted replica ({@link #retarget}), and for the link
 * between a primary and its replica, whose bytes from the primary can be held back ({@link #hold}) so that
 * the replica lags by exactly what was written meanwhile. (A replica frozen with SIGSTOP would not lag: the
 * write waits in its socket buffer and is applied when it runs again, even after the primary died.)
 */
public final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile int targetPort;
    private boolean held;

    private TcpForwarder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TcpForwarder start(int targetPort) {
        try {
            return new TcpForwarder(targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a forwarder", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** New connections go to {@code port}; open ones are closed, as the old target's would be. */
    public void retarget(int port) {
        targetPort = port;
        dropConnections();
    }

    /** Stops passing on what the target sends: it is kept until {@link #release} or dropped with the connection. */
    public void hold() {
        synchronized (gate) {
            held = true;
        }
    }

    public void release() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    /** Closes every open connection; whatever was held is lost with it. */
    public void dropConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    @Override
    public void close() {
        closeQuietly(server);
        release();
        dropConnections();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                try {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
                } catch (IOException refused) {
                    closeQuietly(client);
                    closeQuietly(target);
                    continue;
                }
                open.add(client);
                open.add(target);
                pump(client, target, false);
                pump(target, client, true);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromTarget) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromTarget) {
                        awaitReleased();
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitReleased() throws InterruptedException, IOException {
        synchronized (gate) {
            while (held) {
                gate.wait(100);
                if (server.isClosed()) {
                    throw new IOException("forwarder closed");
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
