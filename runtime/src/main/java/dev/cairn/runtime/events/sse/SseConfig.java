package dev.cairn.runtime.events.sse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the live event streams ({@code cairn.sse.*}; each also as an environment variable,
 * e.g. {@code CAIRN_SSE_KEEP_ALIVE}). docs/events-sse.md describes them.
 */
@ConfigMapping(prefix = "cairn.sse")
public interface SseConfig {
  /**
   * How long the shared poller waits between reads when no stream has more to read.
   *
   * @return the idle poll interval
   */
  @WithDefault("250ms")
  Duration pollInterval();

  /**
   * A stream that sent nothing for this long gets a keep-alive comment.
   *
   * @return the keep-alive interval
   */
  @WithDefault("15s")
  Duration keepAlive();

  /**
   * Events read per stream (or per shared position) in one query.
   *
   * @return the page size
   */
  @WithDefault("200")
  int pageSize();

  /**
   * Events a stream holds in memory for its client at most; never less than the page size.
   *
   * @return the per-stream buffer
   */
  @WithDefault("1000")
  int bufferSize();

  /**
   * A client that accepts no event for this long while events wait for it is disconnected; it
   * resumes with Last-Event-ID.
   *
   * @return the stall timeout
   */
  @WithDefault("30s")
  Duration stallTimeout();

  /**
   * Longest life of a stream; the client then reconnects with Last-Event-ID, possibly to another
   * replica, which spreads long-lived streams over the replicas.
   *
   * @return the maximum duration
   */
  @WithDefault("30m")
  Duration maxDuration();

  /**
   * Open streams per replica at most; one more is refused with 429.
   *
   * @return the replica limit
   */
  @WithDefault("1000")
  int maxStreams();

  /**
   * Open streams per tenant on one replica at most; one more is refused with 429.
   *
   * @return the tenant limit
   */
  @WithDefault("100")
  int maxStreamsPerTenant();
}
