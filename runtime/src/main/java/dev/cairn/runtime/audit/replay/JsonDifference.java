package dev.cairn.runtime.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cairn.runtime.engine.CanonicalJson;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The first difference between two JSON documents, compared by canonical form (never by Jackson
 * equality, which tells an int from a long).
 */
final class JsonDifference {
  private JsonDifference() {}

  /**
   * Where two documents first differ.
   *
   * @param seq the checkpoint, for the report
   * @param path the documents' name (e.g. {@code decision})
   * @param recorded recorded document
   * @param replayed replayed document
   * @return the first difference, by sorted keys and array order
   */
  static Optional<Divergence> first(int seq, String path, JsonNode recorded, JsonNode replayed) {
    if (encode(recorded).equals(encode(replayed))) {
      return Optional.empty();
    }
    if (recorded != null && replayed != null && recorded.isObject() && replayed.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      recorded.fieldNames().forEachRemaining(keys::add);
      replayed.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        Optional<Divergence> d =
            first(seq, path + "." + key, recorded.path(key), replayed.path(key));
        if (d.isPresent()) {
          return d;
        }
      }
    }
    if (recorded != null
        && replayed != null
        && recorded.isArray()
        && replayed.isArray()
        && recorded.size() == replayed.size()) {
      Iterator<JsonNode> a = recorded.elements();
      Iterator<JsonNode> b = replayed.elements();
      for (int i = 0; a.hasNext(); i++) {
        Optional<Divergence> d = first(seq, path + "[" + i + "]", a.next(), b.next());
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.of(Divergence.of(seq, path, encode(recorded), encode(replayed)));
  }

  private static String encode(JsonNode node) {
    return node == null || node instanceof MissingNode ? "(absent)" : CanonicalJson.encode(node);
  }
}
