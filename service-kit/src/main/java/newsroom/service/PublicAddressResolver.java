package newsroom.service;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves host names for an HTTP client (Jetty's) that goes where users point it (feeds, pages,
 * webhooks), refusing addresses such a URL must never reach: loopback, link-local (cloud metadata at
 * 169.254.169.254), private, carrier-grade NAT, multicast and unspecified. The check happens on the
 * very addresses the client connects to, so DNS answers that change between check and connect
 * (rebinding) cannot slip through.
 */
public final class PublicAddressResolver implements SocketAddressResolver {
  private final Set<String> allowedHosts;

  /** An address refused: not a public one, and not allowed explicitly. */
  public static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  /** @param allowedHosts hosts (names or literal addresses) explicitly allowed despite the rules */
  public PublicAddressResolver(Set<String> allowedHosts) {
    this.allowedHosts = Set.copyOf(allowedHosts);
  }

  @Override
  public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
    Thread.ofVirtual().start(() -> {
      try {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(host)) {
          if (!allowed(host, address)) {
            promise.failed(new Refused("refused to connect to " + host + " (" + address.getHostAddress()
                + "): not a public address; allow it explicitly if it is internal"));
            return;
          }
          addresses.add(new InetSocketAddress(address, port));
        }
        promise.succeeded(addresses);
      } catch (UnknownHostException e) {
        promise.failed(e);
      }
    });
  }

  private boolean allowed(String host, InetAddress address) {
    if (allowedHosts.contains(host) || allowedHosts.contains(address.getHostAddress())) {
      return true;
    }
    return isPublic(address);
  }

  public static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return !(first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240); // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
      boolean mappedV4 = isMappedV4(b);
      if (mappedV4) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
      return !uniqueLocal;
    }
    return false;
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
