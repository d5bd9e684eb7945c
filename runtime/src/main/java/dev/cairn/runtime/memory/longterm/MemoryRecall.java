package dev.cairn.runtime.memory.longterm;

import dev.cairn.persistence.store.MemoryHit;
import dev.cairn.persistence.store.MemorySearchStore;
import dev.cairn.persistence.store.MemoryStore;
import dev.cairn.persistence.store.MemoryVersionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds an agent's live memories for a query: full-text candidates ({@code websearch_to_tsquery},
 * any of the query's words, ranked by {@code ts_rank_cd}) and semantic candidates (cosine
 * similarity of embeddings), each bounded, fused by reciprocal rank. The query is embedded before
 * any database work.
 */
@ApplicationScoped
public class MemoryRecall {
  /** Candidates taken from each ranking. */
  static final int CANDIDATES = 50;

  /** Without pgvector: how many of the most recently written items are compared. */
  static final int SCAN_BOUND = 5000;

  /** Weight of the semantic ranking in the fusion. */
  static final double SEMANTIC_WEIGHT = 1.0;

  /**
   * Weight of the full-text ranking: lower, because any-word matching lets a memory that shares
   * only a common word with the query into the list; exact terms (names, ids) still lift an item
   * both rankings found.
   */
  static final double TEXT_WEIGHT = 0.3;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final MemorySearchStore search;
  private final MemoryStore store;
  private final MemoryEmbeddings embeddings;
  private final PgvectorSupport pgvector;

  /**
   * Creates the recall.
   *
   * @param search candidate queries
   * @param store items
   * @param embeddings the embedding model
   * @param pgvector whether pgvector's index is used
   */
  public MemoryRecall(
      MemorySearchStore search,
      MemoryStore store,
      MemoryEmbeddings embeddings,
      PgvectorSupport pgvector) {
    this.search = search;
    this.store = store;
    this.embeddings = embeddings;
    this.pgvector = pgvector;
  }

  /**
   * Recalls memories.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param query what to look for (checked by {@link MemoryLimits#queryProblem})
   * @param limit most results (1 to {@link MemoryLimits#MAX_RESULTS})
   * @param mode which rankings
   * @return the items' newest versions, best first
   */
  public List<MemoryVersion> recall(
      String tenantId, String agent, String namespace, String query, int limit, RecallMode mode) {
    List<List<UUID>> rankings = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    if (mode != RecallMode.TEXT) {
      weights.add(SEMANTIC_WEIGHT);
      float[] vector = embeddings.embed(query);
      rankings.add(
          ids(
              search.similar(
                  tenantId, agent, namespace, vector, SCAN_BOUND, pgvector.active(), CANDIDATES)));
    }
    if (mode != RecallMode.SEMANTIC) {
      String words = anyOf(query);
      if (!words.isEmpty()) {
        weights.add(TEXT_WEIGHT);
        rankings.add(ids(search.text(tenantId, agent, namespace, words, CANDIDATES)));
      }
    }
    List<UUID> best =
        RankFusion.fuse(
            rankings,
            weights.stream().mapToDouble(Double::doubleValue).toArray(),
            Math.clamp(limit, 1, MemoryLimits.MAX_RESULTS));
    if (best.isEmpty()) {
      return List.of();
    }
    Map<UUID, MemoryVersionRow> heads =
        store.heads(tenantId, best).stream()
            .collect(Collectors.toMap(MemoryVersionRow::itemId, Function.identity()));
    return best.stream()
        .map(heads::get)
        .filter(r -> r != null && !r.tombstone())
        .map(MemoryVersion::of)
        .toList();
  }

  /**
   * The query as {@code websearch_to_tsquery} input matching any of its words (the function ANDs
   * plain words; a question rarely shares every word with the memory that answers it).
   */
  static String anyOf(String query) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(query);
    while (m.find() && words.size() < 64) {
      words.add(m.group());
    }
    return String.join(" or ", words);
  }

  private static List<UUID> ids(List<MemoryHit> hits) {
    return hits.stream().map(MemoryHit::itemId).toList();
  }
}
