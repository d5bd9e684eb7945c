package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785): object members sorted by their UTF-16 code units, no
 * whitespace, strings with the minimal escapes, and every number written as an IEEE 754 double in
 * the shortest form ECMAScript would print. Two documents that differ only in member order,
 * whitespace or number spelling ({@code 1.0}, {@code 1}, {@code 1e0}) encode to the same bytes,
 * which is what lets a hash computed over in-memory JSON be recomputed from a PostgreSQL {@code
 * jsonb} column that reordered and reformatted it.
 *
 * <p>Integers beyond 2^53 lose precision, as RFC 8785 specifies: values that must stay exact at
 * that size belong in strings.
 */
public final class CanonicalJson {
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest SHA256 = prototype();

  private CanonicalJson() {}

  private static MessageDigest prototype() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * The canonical text of a document.
   *
   * @param node the document (JSON null for a null reference)
   * @return the canonical text
   */
  public static String encode(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  /**
   * SHA-256 of the canonical UTF-8 encoding, hex encoded.
   *
   * @param node the document
   * @return 64 lower-case hex digits
   */
  public static String sha256(JsonNode node) {
    return sha256Hex(encode(node));
  }

  /**
   * SHA-256 of a text's UTF-8 bytes, hex encoded.
   *
   * @param text the text
   * @return 64 lower-case hex digits
   */
  public static String sha256Hex(String text) {
    return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh SHA-256 digest, cloned from a prototype (cheaper than a provider lookup). */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException missing) {
        throw new IllegalStateException("SHA-256 unavailable", missing);
      }
    }
  }

  /**
   * The shortest decimal that reads back as the value. Double.toString (JDK 19+) is shortest except
   * that it never prints fewer than two digits; ECMAScript takes one digit when one suffices.
   */
  private static BigDecimal shortestDigits(double abs) {
    BigDecimal java = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
    if (java.precision() == 2) {
      BigDecimal one = java.round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(one.toString()) == abs) {
        return one.stripTrailingZeros();
      }
    }
    return java;
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      writeObject(node, out);
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      writeString(node.textValue(), out);
    } else if (node.isNumber()) {
      out.append(number(node.doubleValue()));
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    // String.compareTo compares UTF-16 code units, the order RFC 8785 prescribes.
    members.sort(Map.Entry.comparingByKey());
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(member.getKey(), out);
      out.append(':');
      write(member.getValue(), out);
    }
    out.append('}');
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX.toHexDigits((byte) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * A number as ECMAScript's Number.prototype.toString prints it (RFC 8785, section 3.2.2.3).
   *
   * @param value the number
   * @return its canonical text
   */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    if (value == 0) {
      return "0";
    }
    // Integers below 2^53 (nearly every number Cairn writes) print as themselves: no decimal
    // expansion needed.
    if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      return Long.toString((long) value);
    }
    String sign = value < 0 ? "-" : "";
    // Double.toString gives the shortest decimal that reads back as the same double (JDK 19+).
    BigDecimal shortest = shortestDigits(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = shortest.precision() - shortest.scale(); // value = 0.digits x 10^n
    StringBuilder out = new StringBuilder(sign);
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return out.toString();
  }
}
