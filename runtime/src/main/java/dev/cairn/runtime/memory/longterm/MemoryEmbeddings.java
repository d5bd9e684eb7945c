package dev.cairn.runtime.memory.longterm;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Embeddings of memory texts and queries: all-MiniLM-L6-v2 (384 dimensions) run in this process
 * through ONNX (the model ships in its jar; no network). Vectors are L2-normalised, so cosine
 * similarity is their dot product. The model loads on first use. Never call inside a transaction:
 * an embedding takes milliseconds of CPU.
 */
@ApplicationScoped
public class MemoryEmbeddings {
  /** Dimensions of every embedding. */
  public static final int DIMENSIONS = 384;

  private volatile EmbeddingModel model;

  /**
   * The normalised embedding of a text.
   *
   * @param text the text (a memory or a query)
   * @return 384 floats of unit length (all zero for a text without tokens)
   */
  public float[] embed(String text) {
    float[] vector = model().embed(text).content().vector();
    return normalised(vector);
  }

  static float[] normalised(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    float[] out = vector.clone();
    if (sum == 0) {
      return out;
    }
    double norm = Math.sqrt(sum);
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (out[i] / norm);
    }
    return out;
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = new AllMiniLmL6V2EmbeddingModel();
          model = m;
        }
      }
    }
    return m;
  }
}
