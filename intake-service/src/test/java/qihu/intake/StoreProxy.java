package qihu.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import qihu.support.testing.TestMongo;

/**
 * A TCP relay between the service and the embedded store that a test can cut and restore: the store "goes down"
 * for the running service (open connections drop, new ones are refused at once) without stopping the store that
 * every other test in the JVM shares.
 */
public final class StoreProxy {

    private static StoreProxy instance;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private StoreProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "store-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static synchronized StoreProxy instance() {
        if (instance == null) {
            try {
                instance = new StoreProxy(URI.create(TestMongo.uri()).getPort());
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the store proxy", e);
            }
        }
        return instance;
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + listener.getLocalPort();
    }

    /** The store becomes unreachable: every connection drops, new ones are closed as soon as they open. */
    public void cut() {
        cut = true;
        open.forEach(StoreProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket store = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                open.add(client);
                open.add(store);
                pump(client, store);
                pump(store, client);
            } catch (IOException e) {
                // The listener closed, or the store refused one connection: the driver retries.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // One side closed: close both below.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "store-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
