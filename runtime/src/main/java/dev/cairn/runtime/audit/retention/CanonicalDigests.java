package dev.cairn.runtime.audit.retention;

import dev.cairn.persistence.store.PayloadDigests;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.Json;

/**
 * Digests of pruned payloads: JSON by its RFC 8785 canonical form (what the v1 checkpoint hash
 * covers), text by its UTF-8 bytes.
 */
final class CanonicalDigests implements PayloadDigests {
  static final CanonicalDigests INSTANCE = new CanonicalDigests();

  private CanonicalDigests() {}

  @Override
  public String ofJson(String json) {
    return json == null ? null : CanonicalJson.sha256(Json.parse(json));
  }

  @Override
  public String ofText(String text) {
    return text == null ? null : CanonicalJson.sha256Hex(text);
  }
}
