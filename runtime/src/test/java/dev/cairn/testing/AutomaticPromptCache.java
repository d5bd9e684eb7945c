package dev.cairn.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * OpenAI's automatic prompt caching, as documented: a prompt's longest prefix already seen is
 * served from the cache when it is at least 1024 tokens long, in steps of 128 tokens. Tokens are
 * counted by {@link PromptTokens}.
 */
public final class AutomaticPromptCache {
  private static final int MINIMUM = 1024;
  private static final int STEP = 128;
  private static final int REMEMBERED = 512;

  private final Deque<String> seen = new ArrayDeque<>();

  /**
   * The cached tokens of a prompt, which is then remembered for later prompts.
   *
   * @param prompt the prompt as text (tools first, then messages)
   * @return tokens served from the cache
   */
  public synchronized int cachedTokens(String prompt) {
    int longest = 0;
    for (String earlier : seen) {
      longest = Math.max(longest, commonPrefix(earlier, prompt));
    }
    seen.addFirst(prompt);
    if (seen.size() > REMEMBERED) {
      seen.removeLast();
    }
    // Only whole tokens of the shared prefix count, and never the whole prompt's last token.
    int tokens = Math.min(longest / 4, PromptTokens.of(prompt) - 1);
    return tokens < MINIMUM ? 0 : tokens / STEP * STEP;
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }
}
