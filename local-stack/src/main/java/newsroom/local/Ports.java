package newsroom.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Small port helpers for the local stack and the tests. */
public final class Ports {
  private Ports() {}

  /** A port free right now (the usual race applies; good enough for tests). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  static void awaitListening(String name, ChildProcess process, int port, Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.alive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitCode() + "; see " + process.logFile());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", interrupted);
        }
      }
    }
    throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout.toSeconds() + " s");
  }
}
