package dev.cairn.runtime.events.webhooks;

import dev.cairn.runtime.api.problem.CairnException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position in a delivery listing: items strictly before (created at, id).
 *
 * @param createdAt the last item's creation time
 * @param id the last item's id
 */
record DeliveryCursor(Instant createdAt, UUID id) {
  /** Before everything: the first page. */
  static final DeliveryCursor FIRST =
      new DeliveryCursor(
          Instant.parse("9999-12-31T23:59:59Z"),
          UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));

  private static final Instant EARLIEST = Instant.EPOCH;

  String encode() {
    String raw = "d:" + createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static DeliveryCursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return FIRST;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 4);
      if (parts.length != 4 || !parts[0].equals("d") || parts[3].length() != 36) {
        throw new IllegalArgumentException();
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      if (at.isBefore(EARLIEST) || at.isAfter(FIRST.createdAt())) {
        throw new IllegalArgumentException();
      }
      return new DeliveryCursor(at, UUID.fromString(parts[3]));
    } catch (RuntimeException e) {
      throw CairnException.invalid("cursor", "not a cursor returned by this API");
    }
  }
}
