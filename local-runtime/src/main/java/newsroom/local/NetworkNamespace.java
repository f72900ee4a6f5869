package newsroom.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of its own for one process, joined to this machine by a veth pair, so that a
 * fault-injection run can cut that process off the network and join it again. A cut takes the link
 * down: packets vanish, as in a real partition (nothing is refused, connections just go quiet).
 *
 * <p>Addresses, from {@code subnet} (0 to 255): the machine's end of the pair is 10.213.s.1, the
 * namespace's 10.213.s.2 (its default route), and the machine carries 10.214.s.1 on its loopback,
 * where the brokers listen for everyone: that address stays reachable from the machine during a
 * cut, and from the namespace only through the pair. Needs root and iproute2's {@code ip}.
 */
public final class NetworkNamespace implements AutoCloseable {
  private final String name;
  private final String hostLink;
  private final String sharedAddress;
  private final String address;

  private NetworkNamespace(String name, int subnet) {
    this.name = name;
    this.hostLink = name + "-h";
    this.sharedAddress = "10.214." + subnet + ".1";
    this.address = "10.213." + subnet + ".2";
  }

  /** Why namespaces cannot be made here (not root, no {@code ip}), or empty when they can. */
  public static Optional<String> unavailable() {
    String probe = "nrprobe" + ProcessHandle.current().pid() % 100_000;
    try {
      ip("netns", "add", probe);
      ip("netns", "del", probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("network namespaces cannot be made here (" + e.getMessage() + "); they need root and iproute2");
    }
  }

  /** Makes the namespace {@code name} (at most 12 characters: link names are short) and its link. */
  public static NetworkNamespace create(String name, int subnet) throws IOException {
    if (name.length() > 12 || subnet < 0 || subnet > 255) {
      throw new IllegalArgumentException("a namespace name of at most 12 characters and a subnet of 0 to 255");
    }
    NetworkNamespace ns = new NetworkNamespace(name, subnet);
    String nsLink = name + "-n";
    try {
      ip("netns", "add", name);
      ip("link", "add", ns.hostLink, "type", "veth", "peer", "name", nsLink);
      ip("link", "set", nsLink, "netns", name);
      ip("addr", "add", "10.213." + subnet + ".1/30", "dev", ns.hostLink);
      ip("link", "set", ns.hostLink, "up");
      ip("addr", "add", ns.sharedAddress + "/32", "dev", "lo");
      ip("netns", "exec", name, "ip", "addr", "add", ns.address + "/30", "dev", nsLink);
      ip("netns", "exec", name, "ip", "link", "set", nsLink, "up");
      ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
      ip("netns", "exec", name, "ip", "route", "add", "default", "via", "10.213." + subnet + ".1");
    } catch (IOException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** The command prefix that runs a program inside the namespace. */
  public List<String> launcher() {
    return List.of("ip", "netns", "exec", name);
  }

  /** Where the machine's servers (the brokers) listen so that both sides reach them. */
  public String sharedAddress() {
    return sharedAddress;
  }

  /** The namespace's own address: how the machine reaches a server inside it. */
  public String address() {
    return address;
  }

  /** Cuts the namespace off: its link goes down. */
  public void cut() throws IOException {
    ip("link", "set", hostLink, "down");
  }

  /** Joins it again. */
  public void restore() throws IOException {
    ip("link", "set", hostLink, "up");
  }

  /** Removes the namespace (its link goes with it) and the shared address; what is already gone is fine. */
  @Override
  public void close() {
    for (String[] command : List.of(new String[] {"netns", "del", name}, new String[] {"addr", "del", sharedAddress + "/32", "dev", "lo"})) {
      try {
        ip(command);
      } catch (IOException e) {
        // not there (never made, or removed already)
      }
    }
  }

  private static void ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run ip (" + e.getMessage() + ")", e);
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
