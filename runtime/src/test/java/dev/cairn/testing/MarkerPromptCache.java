package dev.cairn.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Anthropic's prompt caching, as documented: the prompt is read as tools, then system blocks, then
 * message blocks; a block carrying {@code cache_control} ends a cacheable prefix. A prefix seen
 * before is read from the cache (the longest such prefix); the prefix ending at the last marker, if
 * new, is written to it (cache creation). Prefixes shorter than 1024 tokens are not cached.
 */
public final class MarkerPromptCache {
  private static final int MINIMUM = 1024;

  private final Set<String> cached = new HashSet<>();

  /**
   * One prompt block.
   *
   * @param text what the block stands for
   * @param marked whether it carries a cache-control marker
   */
  public record Block(String text, boolean marked) {}

  /**
   * What a prompt used.
   *
   * @param inputTokens tokens neither read from nor written to the cache
   * @param cacheReadTokens tokens read from the cache
   * @param cacheCreationTokens tokens written to the cache
   */
  public record Usage(int inputTokens, int cacheReadTokens, int cacheCreationTokens) {}

  /**
   * The usage of a prompt, whose marked prefixes are then cached.
   *
   * @param blocks the prompt, in order
   * @return its usage
   */
  public synchronized Usage use(List<Block> blocks) {
    StringBuilder prefix = new StringBuilder();
    int read = 0;
    String last = null;
    for (Block block : blocks) {
      prefix.append(block.text()).append('\n');
      if (block.marked() && PromptTokens.of(prefix.toString()) >= MINIMUM) {
        String text = prefix.toString();
        if (cached.contains(text)) {
          read = PromptTokens.of(text);
        }
        last = text;
      }
    }
    int total = PromptTokens.of(prefix.toString());
    int created = 0;
    if (last != null && !cached.contains(last)) {
      created = PromptTokens.of(last) - read;
    }
    // Every marked prefix now counts as cached, the last one and those before it.
    StringBuilder again = new StringBuilder();
    for (Block block : blocks) {
      again.append(block.text()).append('\n');
      if (block.marked() && PromptTokens.of(again.toString()) >= MINIMUM) {
        cached.add(again.toString());
      }
    }
    return new Usage(total - read - created, read, created);
  }
}
