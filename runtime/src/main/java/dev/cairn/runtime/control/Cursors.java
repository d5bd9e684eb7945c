package dev.cairn.runtime.control;

import dev.cairn.runtime.api.problem.CairnException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset cursors: a time and an id, or a number, base64url-encoded. */
public final class Cursors {
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private Cursors() {}

  /** A position: items strictly before (at, id). */
  record TimeAndId(Instant at, UUID id) {}

  static String encode(Instant at, UUID id) {
    return b64(at.getEpochSecond() + ":" + at.getNano() + ":" + id);
  }

  static TimeAndId decodeTimeAndId(String cursor) {
    try {
      String[] parts = unb64(cursor).split(":", 3);
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
        throw new IllegalArgumentException("cursor time out of range");
      }
      return new TimeAndId(at, UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  /**
   * A cursor for items before a seq.
   *
   * @param seq the last seq seen
   * @return the cursor
   */
  public static String encode(long seq) {
    return b64("seq:" + seq);
  }

  /**
   * The seq of a cursor made by {@link #encode(long)}.
   *
   * @param cursor the cursor
   * @return the seq
   */
  public static long decodeSeq(String cursor) {
    try {
      String raw = unb64(cursor);
      if (!raw.startsWith("seq:")) {
        throw new IllegalArgumentException();
      }
      long seq = Long.parseLong(raw.substring(4));
      if (seq < 1) {
        throw new IllegalArgumentException();
      }
      return seq;
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static CairnException invalid() {
    return CairnException.invalid("cursor", "not a cursor returned by this API");
  }

  private static String b64(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }
}
