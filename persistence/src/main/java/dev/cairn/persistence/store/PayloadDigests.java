package dev.cairn.persistence.store;

/** How the digests of pruned payloads are computed (the runtime supplies canonical JSON). */
public interface PayloadDigests {
  /**
   * Digest of a JSON payload.
   *
   * @param json the payload as stored (JSON text), or null
   * @return hex SHA-256 of its canonical form, or null for null
   */
  String ofJson(String json);

  /**
   * Digest of a text payload.
   *
   * @param text the text, or null
   * @return hex SHA-256 of its UTF-8 bytes, or null for null
   */
  String ofText(String text);
}
