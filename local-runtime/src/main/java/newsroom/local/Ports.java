package newsroom.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

  /** A port free right now whose next port is free too (a server that also listens on port + 1). */
  public static int freePair() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = free();
      if (port < 65_535) {
        try (ServerSocket next = new ServerSocket(port + 1)) {
          return port;
        } catch (IOException e) {
          // taken: try another
        }
      }
    }
    throw new IllegalStateException("no two free ports side by side");
  }

  /** Waits until {@code url} answers 200, failing early (with the log to read) if {@code process} dies. */
  static void awaitHttpOk(String name, Process process, String url, Duration timeout, Path logFile) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logFile);
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + name, e);
      }
      pause();
    }
    throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + logFile);
  }

  public static void awaitListening(String name, ChildProcess process, int port, Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.alive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitCode() + "; see " + process.logFile());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException e) {
        pause();
      }
    }
    throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout.toSeconds() + " s");
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
