package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.ToolCallRequest;
import java.nio.charset.StandardCharsets;

/**
 * Estimates tokens without a tokenizer: one token per four UTF-8 bytes, rounded up, plus {@value
 * #PER_MESSAGE} per message for the provider's framing. BPE tokenizers average about four bytes of
 * English per token; code, numbers and other scripts use more tokens per byte, which is what the
 * window's safety margin absorbs. Deterministic, so replay and the fake provider in tests count
 * alike.
 */
public final class TokenEstimator {
  /** Tokens counted per message for role and framing. */
  public static final int PER_MESSAGE = 4;

  /** Bytes per token. */
  public static final int BYTES_PER_TOKEN = 4;

  private TokenEstimator() {}

  /**
   * Tokens of a text.
   *
   * @param text the text, may be null
   * @return the estimate
   */
  public static long tokens(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
  }

  /**
   * Tokens of a message as sent: content, tool calls, tool ids, framing.
   *
   * @param m the message
   * @return the estimate
   */
  public static long tokens(Message m) {
    long n = PER_MESSAGE + tokens(m.content()) + tokens(m.toolCallId()) + tokens(m.toolName());
    for (ToolCallRequest call : m.toolCalls()) {
      n += PER_MESSAGE + tokens(call.id()) + tokens(call.name()) + tokens(call.arguments());
    }
    return n;
  }

  /**
   * A text cut to at most {@code maxTokens} estimated tokens, on a character boundary, marked when
   * cut.
   *
   * @param text the text
   * @param maxTokens the limit
   * @return the text or its cut
   */
  public static String truncate(String text, long maxTokens) {
    if (text == null || tokens(text) <= maxTokens) {
      return text;
    }
    String marker = " [cut to fit the context window]";
    long keepBytes = Math.max(0, maxTokens * BYTES_PER_TOKEN - marker.length());
    StringBuilder kept = new StringBuilder();
    long bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > keepBytes) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return maxTokens * BYTES_PER_TOKEN >= marker.length() ? kept + marker : kept.toString();
  }
}
