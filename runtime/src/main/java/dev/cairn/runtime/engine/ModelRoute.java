package dev.cairn.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which models a run may ask, in order, and how each was chosen: the run's A/B variant (or the
 * definition's model), then the definition's fallbacks. Pure: the same spec and run id always give
 * the same route, so a run keeps its variant across steps, restarts and replicas.
 *
 * @param label how the model was chosen: {@code primary}, {@code variant:NAME} or {@code
 *     fallback:N} (N from 1)
 * @param model the model to ask
 */
public record ModelRoute(String label, AgentSpec.ModelSpec model) {

  /**
   * The models of a run, first choice first.
   *
   * @param spec the run's definition
   * @param runId the run
   * @return one route per model, at least one
   */
  public static List<ModelRoute> candidates(AgentSpec spec, UUID runId) {
    List<ModelRoute> routes = new ArrayList<>();
    AgentSpec.Variant variant = variantOf(spec, runId);
    routes.add(
        variant == null
            ? new ModelRoute("primary", spec.model())
            : new ModelRoute("variant:" + variant.name(), variant.model()));
    List<AgentSpec.ModelSpec> fallbacks = spec.fallbacks() == null ? List.of() : spec.fallbacks();
    for (int i = 0; i < fallbacks.size(); i++) {
      routes.add(new ModelRoute("fallback:" + (i + 1), fallbacks.get(i)));
    }
    return List.copyOf(routes);
  }

  /**
   * Whether a definition routes at all (has fallbacks or variants); a definition that names one
   * model records no route.
   *
   * @param spec the definition
   * @return true when more than one model may answer
   */
  public static boolean routes(AgentSpec spec) {
    return (spec.fallbacks() != null && !spec.fallbacks().isEmpty())
        || (spec.variants() != null && !spec.variants().isEmpty());
  }

  /**
   * The variant a run calls: chosen by weight from a hash of the run id, so it is the same every
   * time it is asked.
   *
   * @param spec the definition
   * @param runId the run
   * @return the variant, or null when the definition has none
   */
  public static AgentSpec.Variant variantOf(AgentSpec spec, UUID runId) {
    List<AgentSpec.Variant> variants = spec.variants();
    if (variants == null || variants.isEmpty()) {
      return null;
    }
    long total = 0;
    for (AgentSpec.Variant v : variants) {
      total += v.weight();
    }
    long point = Math.floorMod(mix(runId), total);
    for (AgentSpec.Variant v : variants) {
      point -= v.weight();
      if (point < 0) {
        return v;
      }
    }
    return variants.getLast();
  }

  /**
   * The highest price any model of the definition may charge, per kind of token: what a call's
   * reservation must assume, since the model that answers is known only afterwards.
   *
   * @param spec the definition
   * @param prices the price of one model
   * @return the price ceiling
   */
  public static ModelPrice ceilingPrice(
      AgentSpec spec, Function<AgentSpec.ModelSpec, ModelPrice> prices) {
    ModelPrice ceiling = prices.apply(spec.model());
    List<AgentSpec.ModelSpec> others = new ArrayList<>();
    if (spec.fallbacks() != null) {
      others.addAll(spec.fallbacks());
    }
    if (spec.variants() != null) {
      spec.variants().forEach(v -> others.add(v.model()));
    }
    for (AgentSpec.ModelSpec model : others) {
      ModelPrice p = prices.apply(model);
      ceiling =
          new ModelPrice(
              Math.max(ceiling.inputPerMillion(), p.inputPerMillion()),
              Math.max(ceiling.cachedInputPerMillion(), p.cachedInputPerMillion()),
              Math.max(ceiling.outputPerMillion(), p.outputPerMillion()));
    }
    return ceiling;
  }

  /** Spreads the id's bits (a 64-bit finaliser), so ids that differ a little land far apart. */
  private static long mix(UUID id) {
    long h = id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 32);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
