package dev.cairn.runtime.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small bounded map whose entries are trusted for a fixed time, then read again. Used so that a
 * revocation or a disabled tenant reaches every replica within that time without a read per
 * request.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TtlCache<K, V> {
  private record Entry<V>(V value, long expiresAtNanos) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;

  TtlCache(Duration ttl, int maxEntries) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
  }

  V get(K key, Function<K, V> load) {
    long now = System.nanoTime();
    Entry<V> entry = entries.get(key);
    if (entry != null && now - entry.expiresAtNanos() < 0) {
      return entry.value();
    }
    V value = load.apply(key);
    if (ttlNanos > 0) {
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
      entries.put(key, new Entry<>(value, now + ttlNanos));
    }
    return value;
  }

  void invalidate(K key) {
    entries.remove(key);
  }
}
