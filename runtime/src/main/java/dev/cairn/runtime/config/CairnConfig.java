package dev.cairn.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cairn's configuration ({@code cairn.*}); every key can also be set as an environment variable.
 */
@ConfigMapping(prefix = "cairn")
public interface CairnConfig {
  /**
   * This replica.
   *
   * @return node settings
   */
  Node node();

  /**
   * Leases on runs.
   *
   * @return lease settings
   */
  Lease lease();

  /**
   * Operator control.
   *
   * @return control settings
   */
  Control control();

  /**
   * The step workers.
   *
   * @return worker settings
   */
  Worker worker();

  /**
   * The OpenAI-compatible provider.
   *
   * @return provider settings
   */
  OpenAi openai();

  /**
   * Retries of failed model calls.
   *
   * @return retry settings
   */
  Retry retry();

  /**
   * Graceful shutdown.
   *
   * @return shutdown settings
   */
  Shutdown shutdown();

  /**
   * Built-in tools.
   *
   * @return tool settings
   */
  Tools tools();

  /**
   * Where Cairn keeps local files: the embedded Postgres data and the bootstrap admin key.
   *
   * @return the directory
   */
  @WithDefault("${user.home}/.cairn")
  String home();

  /**
   * Model provider credentials by name, referenced by agent definitions ({@code model.credential});
   * the keys live only in configuration, never in the database.
   *
   * @return credentials by name
   */
  Map<String, Credential> credentials();

  /**
   * Default settings per provider ({@code cairn.providers.<provider>.*}, e.g. {@code
   * cairn.providers.anthropic.api-key}), used when an agent definition names no credential. The
   * {@code openai} provider also reads {@code cairn.openai.*}.
   *
   * @return settings by provider name
   */
  Map<String, Credential> providers();

  /**
   * Settings of a provider endpoint: a named credential or a provider's defaults. Keys are never
   * stored, returned or logged.
   */
  interface Credential {
    /**
     * The provider API key (for {@code bedrock}: the AWS access key id); never stored, returned or
     * logged.
     *
     * @return the key, when the provider needs one
     */
    Optional<String> apiKey();

    /**
     * The secret that goes with the key ({@code bedrock}: the AWS secret access key); never stored,
     * returned or logged.
     *
     * @return the secret
     */
    Optional<String> secretKey();

    /**
     * Base URL (or endpoint) of the provider, e.g. an OpenAI-compatible server, an Azure OpenAI
     * resource or a Bedrock endpoint override.
     *
     * @return the URL
     */
    Optional<String> baseUrl();

    /**
     * Cloud region ({@code bedrock}), e.g. {@code eu-west-1}.
     *
     * @return the region
     */
    Optional<String> region();

    /**
     * Request timeout; {@code cairn.openai.timeout} when unset.
     *
     * @return the timeout
     */
    Optional<Duration> timeout();
  }

  /**
   * Authentication and API keys.
   *
   * @return security settings
   */
  Security security();

  /**
   * Fairness and quotas per tenant.
   *
   * @return tenant settings
   */
  Tenants tenants();

  /** Authentication settings. */
  interface Security {
    /**
     * How long a replica trusts a looked-up API key or tenant state before reading it again; a
     * revocation or a disabled tenant takes effect on every replica within this time.
     *
     * @return the cache time
     */
    @WithDefault("2s")
    Duration cacheTtl();

    /**
     * An admin key to create (or keep) at start, in the form {@code cairn_<id>_<secret>}; when
     * unset and no admin key exists, one is generated and written to {@code $CAIRN_HOME/admin.key}.
     *
     * @return the bootstrap key
     */
    Optional<String> bootstrapKey();

    /**
     * Whether to create a bootstrap admin key on first start.
     *
     * @return true to bootstrap
     */
    @WithDefault("true")
    boolean bootstrap();

    /**
     * Failed authentications from one address within a minute before its responses are slowed.
     *
     * @return the threshold
     */
    @WithDefault("10")
    int failuresBeforeSlowdown();

    /**
     * Bearer tokens from an identity provider.
     *
     * @return token settings
     */
    Jwt jwt();

    /** Which token claims carry the tenant and the roles. */
    interface Jwt {
      /**
       * Claim (or slash-separated path, e.g. {@code ext/tenant}) holding the tenant id.
       *
       * @return the claim
       */
      @WithDefault("tenant")
      String tenantClaim();

      /**
       * Claim (or slash-separated path, e.g. {@code realm_access/roles}) holding the roles, an
       * array or a space-separated string; values other than the four roles are ignored.
       *
       * @return the claim
       */
      @WithDefault("groups")
      String rolesClaim();
    }
  }

  /** Per-tenant limits. */
  interface Tenants {
    /**
     * Most runs of one tenant advanced at once across all replicas (0: no cap). Enforced in the
     * claim, so one tenant's backlog cannot starve another tenant's runs.
     *
     * @return the cap
     */
    @WithDefault("0")
    int maxRunsInFlight();

    /**
     * Run submissions per second allowed per tenant and replica (0: unlimited); over it the API
     * answers 429 with Retry-After.
     *
     * @return the rate
     */
    @WithDefault("50")
    double submitRate();

    /**
     * Submissions a tenant may make in a burst above the rate.
     *
     * @return the burst
     */
    @WithDefault("100")
    int submitBurst();
  }

  /** This replica's identity. */
  interface Node {
    /**
     * Lease owner name; a random one per process when unset.
     *
     * @return the id
     */
    Optional<String> id();
  }

  /** Lease settings. */
  interface Lease {
    /**
     * How long a lease lasts without heartbeat; a crashed replica's runs resume after this.
     *
     * @return the time to live
     */
    @WithDefault("15s")
    Duration ttl();

    /**
     * Lease take-overs without a committed step before a run is quarantined.
     *
     * @return the limit
     */
    @WithDefault("5")
    int maxConsecutiveRecoveries();
  }

  /** Operator control settings. */
  interface Control {
    /**
     * Longest time a running run goes without looking for operator commands when no notification
     * arrived (notifications usually deliver them at once).
     *
     * @return the interval
     */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * How long a cancel may wait for the replica advancing the run; after that the lease is taken
     * from it (a frozen replica's late writes then fail the fence) and any replica applies the
     * cancel. A cancel completes within this plus one claim.
     *
     * @return the takeover time
     */
    @WithDefault("5s")
    Duration cancelTakeover();
  }

  /** Worker settings. */
  interface Worker {
    /**
     * Whether this replica runs steps (an API-only replica sets false).
     *
     * @return true to run steps
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Most runs this replica advances at once (each on a virtual thread).
     *
     * @return the limit
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Most runs one claim statement takes.
     *
     * @return the batch size
     */
    @WithDefault("32")
    int claimBatch();

    /**
     * Steps a worker takes on one run before giving its lease back, so others get a turn.
     *
     * @return the limit
     */
    @WithDefault("50")
    int maxStepsPerClaim();

    /**
     * Longest wait of an idle worker between claims (LISTEN/NOTIFY usually wakes it sooner).
     *
     * @return the interval
     */
    @WithDefault("2s")
    Duration idlePoll();

    /**
     * Whether steps of different runs that are ready together share one transaction.
     *
     * @return true to group commits
     */
    @WithDefault("true")
    boolean groupCommit();

    /**
     * Most steps in one grouped transaction.
     *
     * @return the batch size
     */
    @WithDefault("64")
    int groupCommitMaxBatch();

    /**
     * Committer threads, each committing its own group on its own connection, so commits use more
     * than one database core under load.
     *
     * @return the thread count
     */
    @WithDefault("2")
    int groupCommitThreads();

    /**
     * Whether a run's next model call or read-only tool call may start while the previous step's
     * commit is still in flight. Nothing such a call does outlives a crash, and its own result is
     * committed only after the previous step's, so this hides the commit's latency without
     * weakening any guarantee. Needs group commit; tool calls with side effects always wait.
     *
     * @return true to overlap
     */
    @WithDefault("true")
    boolean overlapCommits();
  }

  /** OpenAI-compatible provider settings. */
  interface OpenAi {
    /**
     * Base URL, e.g. {@code https://api.openai.com/v1} or a local server.
     *
     * @return the URL
     */
    Optional<String> baseUrl();

    /**
     * API key; never logged.
     *
     * @return the key
     */
    Optional<String> apiKey();

    /**
     * Request timeout.
     *
     * @return the timeout
     */
    @WithDefault("60s")
    Duration timeout();
  }

  /** Retry settings. */
  interface Retry {
    /**
     * Model call attempts before a run fails.
     *
     * @return the limit
     */
    @WithDefault("6")
    int maxAttempts();

    /**
     * First backoff.
     *
     * @return the delay
     */
    @WithDefault("1s")
    Duration baseDelay();

    /**
     * Longest backoff.
     *
     * @return the delay
     */
    @WithDefault("60s")
    Duration maxDelay();
  }

  /** Shutdown settings. */
  interface Shutdown {
    /**
     * How long in-flight steps may take to finish on SIGTERM before their leases are released.
     *
     * @return the grace period
     */
    @WithDefault("10s")
    Duration grace();
  }

  /** Tool settings. */
  interface Tools {
    /**
     * The webhook tool.
     *
     * @return webhook settings
     */
    Webhook webhook();

    /**
     * The HTTP tools ({@code http_get}, {@code http_post}), docs/http-tool.md.
     *
     * @return HTTP tool settings
     */
    Http http();

    /**
     * HTTP tool settings. The tools module reads them ({@code HttpToolBeans}) with the same
     * defaults; this mapping declares them to the runtime's configuration.
     */
    interface Http {
      /**
       * Hosts that may be reached: exact names or {@code *.example.com}; the tools are unavailable
       * when none is listed.
       *
       * @return the hosts
       */
      Optional<List<String>> allowedHosts();

      /**
       * Address blocks (CIDR) allowed although not public, e.g. an internal API's network.
       *
       * @return the blocks
       */
      Optional<List<String>> allowedNetworks();

      /**
       * Request headers the model may set (Authorization only when listed here).
       *
       * @return lower-case header names
       */
      @WithDefault("accept,accept-language,content-type,if-none-match,if-modified-since,user-agent")
      List<String> allowedHeaders();

      /**
       * Most bytes of an answer read.
       *
       * @return the limit
       */
      @WithDefault("1048576")
      int maxResponseBytes();

      /**
       * Largest request body.
       *
       * @return the limit
       */
      @WithDefault("65536")
      int maxRequestBytes();

      /**
       * Time to connect.
       *
       * @return the timeout
       */
      @WithDefault("5s")
      Duration connectTimeout();

      /**
       * Time for one request, from sending to the end of the answer.
       *
       * @return the timeout
       */
      @WithDefault("15s")
      Duration requestTimeout();

      /**
       * Most redirects followed (0 to 5).
       *
       * @return the limit
       */
      @WithDefault("5")
      int maxRedirects();
    }

    /** Webhook settings. */
    interface Webhook {
      /**
       * The one URL the webhook tool posts to; the tool is unavailable when unset.
       *
       * @return the URL
       */
      Optional<URI> url();

      /**
       * Request timeout.
       *
       * @return the timeout
       */
      @WithDefault("10s")
      Duration timeout();
    }
  }

  /**
   * How model provider faults are handled: bounds on a provider's Retry-After and the circuit
   * breaker kept per provider and model on each replica.
   *
   * @return model fault settings
   */
  ModelFaults modelFaults();

  /** Model fault settings ({@code cairn.model-faults.*}). */
  interface ModelFaults {
    /**
     * Longest Retry-After of a provider that is honoured; longer requests are cut to this.
     *
     * @return the cap
     */
    @WithDefault("1h")
    Duration maxRetryAfter();

    /**
     * Whether a circuit breaker guards each provider and model.
     *
     * @return whether enabled
     */
    @WithDefault("true")
    boolean breakerEnabled();

    /**
     * Share of failed calls within the window at which the breaker opens (0 to 1). Failures are the
     * retryable ones: rate limits, server errors, timeouts, broken connections.
     *
     * @return the failure ratio
     */
    @WithDefault("0.5")
    double failureRatio();

    /**
     * Fewest calls within the window before the failure ratio is judged.
     *
     * @return the minimum number of calls
     */
    @WithDefault("10")
    int minimumCalls();

    /**
     * How far back calls count towards the failure ratio.
     *
     * @return the window
     */
    @WithDefault("60s")
    Duration window();

    /**
     * How long an open breaker sends nothing before it lets one probe call through.
     *
     * @return the open delay
     */
    @WithDefault("30s")
    Duration openDelay();
  }

  /**
   * Operator control: the inbox and bulk commands.
   *
   * @return operator settings
   */
  Operator operator();

  /** Operator settings. */
  interface Operator {
    /**
     * How long a run may wait (for a timer or children) before the inbox lists it; a request can
     * pass its own threshold as {@code waitingLongerThan}.
     *
     * @return the threshold
     */
    @WithDefault("1h")
    Duration inboxWaitingThreshold();

    /**
     * Most runs one bulk request may command.
     *
     * @return the cap
     */
    @WithDefault("500")
    int bulkMaxRuns();
  }

  /**
   * Model prices by entry name, e.g. {@code cairn.prices.gpt4o.provider=openai}, {@code
   * cairn.prices.gpt4o.model=gpt-4o}, {@code cairn.prices.gpt4o.input=2.50}, {@code
   * cairn.prices.gpt4o.output=10.00}: amounts per million tokens in one currency (budgets' {@code
   * maxCostUsd}). A model without an entry costs nothing.
   *
   * @return prices by entry name
   */
  Map<String, Price> prices();

  /** The price of one model. */
  interface Price {
    /**
     * The provider, e.g. {@code openai}.
     *
     * @return the provider
     */
    String provider();

    /**
     * The model name as agent definitions give it, e.g. {@code gpt-4o}.
     *
     * @return the model
     */
    String model();

    /**
     * Price per million prompt tokens not served from the provider's cache.
     *
     * @return the price
     */
    BigDecimal input();

    /**
     * Price per million prompt tokens served from the provider's cache; the input price when unset.
     *
     * @return the price
     */
    Optional<BigDecimal> cachedInput();

    /**
     * Price per million completion tokens.
     *
     * @return the price
     */
    BigDecimal output();
  }
}
