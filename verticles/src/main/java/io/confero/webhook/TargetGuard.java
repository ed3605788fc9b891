package io.confero.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Server-side request forgery guard for webhook URLs. A URL must be absolute {@code https} with a
 * host and no user info; every address its host resolves to must be public: not loopback,
 * unspecified, private (RFC 1918), shared (RFC 6598), link-local (cloud metadata lives there),
 * unique-local (RFC 4193), multicast or an IPv4-mapped form of those. The check runs at
 * registration and again before each delivery, on the resolved address the request then connects
 * to, so a DNS answer that changes later (rebinding) cannot redirect a delivery inward.
 * {@code allowInsecure} admits {@code http} and any address (local development and tests).
 */
public final class TargetGuard {
  private final boolean allowInsecure;
  private final Resolver resolver;

  /** How a host name becomes addresses; the system resolver outside tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public TargetGuard(boolean allowInsecure) {
    this(allowInsecure, InetAddress::getAllByName);
  }

  /** A guard asking {@code resolver} (tests script DNS answers that change, as in rebinding). */
  public TargetGuard(boolean allowInsecure, Resolver resolver) {
    this.allowInsecure = allowInsecure;
    this.resolver = resolver;
  }

  /** The URL's reason for refusal (syntax and scheme only, no DNS), or null when acceptable. */
  public String syntaxProblem(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return "not a valid URL";
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
      return "must be an https URL";
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      return "must name a host";
    }
    if (u.getRawUserInfo() != null) {
      return "must not carry user info";
    }
    if (u.getRawFragment() != null) {
      return "must not carry a fragment";
    }
    return null;
  }

  /**
   * Resolves the host (blocking: call off the event loop) and returns the address to connect to.
   * Throws {@link TargetRefused} when the host resolves to nothing or to any forbidden address.
   */
  public InetAddress resolve(String host) {
    InetAddress[] all;
    try {
      all = resolver.resolve(stripBrackets(host));
    } catch (UnknownHostException e) {
      throw new TargetRefused("host " + host + " does not resolve");
    }
    if (all == null || all.length == 0) {
      throw new TargetRefused("host " + host + " does not resolve");
    }
    for (InetAddress a : all) {
      if (!allowInsecure && isForbidden(a)) {
        throw new TargetRefused("host " + host + " resolves to a non-public address " + a.getHostAddress());
      }
    }
    return all[0];
  }

  /** True for every address a webhook must not reach by default. */
  public static boolean isForbidden(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      return b0 == 0 || (b0 == 100 && b1 >= 64 && b1 < 128) || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0)
          || b0 >= 240;
    }
    if (a instanceof Inet6Address) {
      int b0 = b[0] & 0xff;
      if ((b0 & 0xfe) == 0xfc) {
        return true;
      }
      if (isMappedOrCompat(b)) {
        try {
          return isForbidden(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isMappedOrCompat(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** A URL or address the guard refuses; the message says why. */
  public static final class TargetRefused extends RuntimeException {
    public TargetRefused(String message) {
      super(message, null, false, false);
    }
  }
}
