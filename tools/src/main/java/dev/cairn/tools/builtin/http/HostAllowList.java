package dev.cairn.tools.builtin.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts the HTTP tools may reach: exact names ({@code api.example.com}, or an address literal)
 * and suffix patterns ({@code *.example.com}, which matches every name below {@code example.com}
 * but not {@code example.com} itself). Names are compared case-insensitively, without a trailing
 * dot.
 */
public final class HostAllowList {
  private final List<String> exact = new ArrayList<>();
  private final List<String> suffixes = new ArrayList<>();

  /**
   * Parses the configured entries.
   *
   * @param entries host names and {@code *.}-patterns
   * @throws IllegalArgumentException for an entry that is neither
   */
  public HostAllowList(List<String> entries) {
    for (String entry : entries) {
      String host = normalize(entry);
      if (host.startsWith("*.")) {
        String suffix = host.substring(1);
        if (suffix.length() < 2
            || suffix.substring(1).contains("*")
            || !valid(suffix.substring(1))) {
          throw new IllegalArgumentException("not a host pattern: '" + entry + "'");
        }
        suffixes.add(suffix);
      } else if (!host.isEmpty()) {
        if (!valid(host)) {
          throw new IllegalArgumentException("not a host name: '" + entry + "'");
        }
        exact.add(host);
      }
    }
  }

  private static boolean valid(String host) {
    return host.matches("[a-z0-9._:\\-]+") && !host.startsWith(".") && !host.contains("..");
  }

  private static String normalize(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /**
   * Whether no host is allowed (the tools are then unavailable).
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return exact.isEmpty() && suffixes.isEmpty();
  }

  /**
   * Whether a host may be reached.
   *
   * @param host the host of a URL (IPv6 literals with or without brackets)
   * @return true when listed or below a listed suffix
   */
  public boolean allows(String host) {
    if (host == null) {
      return false;
    }
    String h = normalize(host);
    if (exact.contains(h)) {
      return true;
    }
    for (String suffix : suffixes) {
      if (h.endsWith(suffix) && h.length() > suffix.length()) {
        return true;
      }
    }
    return false;
  }
}
