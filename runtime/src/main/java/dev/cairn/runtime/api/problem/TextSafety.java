package dev.cairn.runtime.api.problem;

/**
 * Text the API refuses: what PostgreSQL cannot store in text or jsonb (NUL) and what could not be
 * stored unaltered (an unpaired UTF-16 surrogate, which UTF-8 cannot encode and would become '?').
 */
public final class TextSafety {
  private static final int MAX_ECHO = 80;

  private TextSafety() {}

  /**
   * Why a text is refused.
   *
   * @param text the text, may be null
   * @return what is wrong with it, or null when it is acceptable
   */
  public static String problem(CharSequence text) {
    if (text == null) {
      return null;
    }
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return "must not contain an unpaired UTF-16 surrogate";
        }
      } else if (Character.isLowSurrogate(c)) {
        return "must not contain an unpaired UTF-16 surrogate";
      }
    }
    return null;
  }

  /**
   * A client-supplied text made safe to echo in a problem document: no unpaired surrogate (which
   * the JSON writer cannot encode), no control characters, bounded length.
   *
   * @param text the text, may be null
   * @return the safe text, or null
   */
  public static String echo(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ECHO + 2));
    int length = text.length();
    for (int i = 0; i < length; i++) {
      if (out.length() >= MAX_ECHO) {
        out.append('\u2026');
        break;
      }
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A text made safe to write as JSON, unchanged but for unpaired surrogates (the JSON writer
   * cannot encode them), which become U+FFFD.
   *
   * @param text the text, may be null
   * @return the safe text, or null
   */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
