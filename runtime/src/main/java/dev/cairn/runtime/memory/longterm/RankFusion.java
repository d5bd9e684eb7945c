package dev.cairn.runtime.memory.longterm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: an item's score is the sum over rankings of {@code 1 / (k + rank)} (rank
 * from 1). It needs no calibration between text ranks and cosine similarities, and an item found by
 * both rankings beats one found by only one at a similar place.
 */
public final class RankFusion {
  /** The usual constant; it damps the weight of the first few places. */
  public static final int K = 60;

  private RankFusion() {}

  /**
   * Fuses rankings.
   *
   * @param rankings each best first
   * @param limit most results
   * @param <T> the item type
   * @return the fused ranking, best first (ties keep first-seen order)
   */
  public static <T> List<T> fuse(List<List<T>> rankings, int limit) {
    double[] equal = new double[rankings.size()];
    java.util.Arrays.fill(equal, 1.0);
    return fuse(rankings, equal, limit);
  }

  /**
   * Fuses rankings, each counted with its weight.
   *
   * @param rankings each best first
   * @param weights one per ranking
   * @param limit most results
   * @param <T> the item type
   * @return the fused ranking, best first (ties keep first-seen order)
   */
  public static <T> List<T> fuse(List<List<T>> rankings, double[] weights, int limit) {
    Map<T, Double> scores = new LinkedHashMap<>();
    for (int r = 0; r < rankings.size(); r++) {
      List<T> ranking = rankings.get(r);
      for (int i = 0; i < ranking.size(); i++) {
        scores.merge(ranking.get(i), weights[r] / (K + i + 1), Double::sum);
      }
    }
    List<Map.Entry<T, Double>> entries = new ArrayList<>(scores.entrySet());
    entries.sort(Map.Entry.<T, Double>comparingByValue(Comparator.reverseOrder()));
    return entries.stream().limit(limit).map(Map.Entry::getKey).toList();
  }
}
