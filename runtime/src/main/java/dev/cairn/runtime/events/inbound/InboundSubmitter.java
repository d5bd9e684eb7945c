package dev.cairn.runtime.events.inbound;

import dev.cairn.runtime.agents.RunService;
import dev.cairn.runtime.agents.SubmitRun;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.api.problem.DatabaseOutage;
import dev.cairn.runtime.api.problem.TextSafety;
import dev.cairn.runtime.security.SubmissionRateExceededException;
import dev.cairn.runtime.security.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns one delivery into a run, or says why it cannot: checks the message against the channel's
 * binding (its tenant, the agents it allows), reads the body as the REST API does and submits it
 * with the message id as the idempotency key. Submission commits before this returns, so an {@link
 * Outcome.Accepted} may be acknowledged.
 */
@ApplicationScoped
public class InboundSubmitter {
  private static final Logger LOG = Logger.getLogger(InboundSubmitter.class);

  /** The REST API's rule for an {@code Idempotency-Key}. */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  private final InboundConfig config;
  private final SubmissionReader reader;
  private final RunService runs;
  private final TenantDirectory tenants;

  /**
   * Creates the submitter.
   *
   * @param config the channel's binding
   * @param reader reads bodies as the REST API does
   * @param runs run submission
   * @param tenants tenant states
   */
  public InboundSubmitter(
      InboundConfig config, SubmissionReader reader, RunService runs, TenantDirectory tenants) {
    this.config = config;
    this.reader = reader;
    this.runs = runs;
    this.tenants = tenants;
  }

  /** What became of a delivery. */
  public sealed interface Outcome {
    /**
     * A run exists for the message: created now, or earlier for the same message id and body.
     *
     * @param runId the run
     * @param duplicate true when the message id had already made this run
     */
    record Accepted(UUID runId, boolean duplicate) implements Outcome {}

    /**
     * The message can never become a run: it is dead-lettered with the reason.
     *
     * @param rejection the reason
     */
    record Rejected(Rejection rejection) implements Outcome {}

    /**
     * A failure that passes: try the message again.
     *
     * @param reason what failed, for logs and the dead letter if the failures never stop
     * @param retryAfter the wait the failure asks for, or null for the usual backoff
     */
    record Transient(String reason, Duration retryAfter) implements Outcome {}
  }

  /**
   * Submits a delivery.
   *
   * @param delivery the message
   * @return the outcome
   */
  public Outcome submit(Delivery delivery) {
    try {
      RunService.Submitted submitted =
          runs.submit(config.tenant(), authorizedCommand(delivery), config.actor());
      return new Outcome.Accepted(submitted.id(), submitted.replayed());
    } catch (RejectedException e) {
      return new Outcome.Rejected(e.rejection());
    } catch (SubmissionRateExceededException e) {
      return new Outcome.Transient(
          "the tenant's submission rate is exceeded", Duration.ofSeconds(e.retryAfterSeconds()));
    } catch (CairnException e) {
      // 409: the same key is being submitted concurrently (a redelivery racing the first);
      // 503: the database is away. Both pass.
      return e.status() == 409 || e.status() == 503
          ? new Outcome.Transient(e.getMessage(), null)
          : new Outcome.Rejected(Rejection.of(e));
    } catch (RuntimeException e) {
      return unexpected(delivery, e);
    }
  }

  private SubmitRun authorizedCommand(Delivery delivery) {
    String tenant = config.tenant();
    if (delivery.body().length > config.maxMessageBytes()) {
      throw new RejectedException(Rejection.tooLarge(config.maxMessageBytes()));
    }
    if (delivery.tenant() != null && !delivery.tenant().equals(tenant)) {
      throw new RejectedException(
          Rejection.forbidden(
              "the message names tenant '"
                  + TextSafety.echo(delivery.tenant())
                  + "'; this channel submits for tenant '"
                  + tenant
                  + "' only"));
    }
    if (delivery.messageId() == null || delivery.messageId().isEmpty()) {
      throw new RejectedException(
          Rejection.invalid("message-id: required, it is the run's idempotency key"));
    }
    if (!KEY.matcher(delivery.messageId()).matches()) {
      throw new RejectedException(
          Rejection.invalid("message-id: 1 to 200 printable ASCII characters without spaces"));
    }
    if (!tenants.isEnabled(tenant)) {
      throw new RejectedException(Rejection.tenantDisabled(tenant));
    }
    SubmitRun command = reader.read(delivery.body(), delivery.messageId());
    if (config.agents().isPresent() && !config.agents().get().contains(command.agent())) {
      throw new RejectedException(
          Rejection.forbidden(
              "agent '" + TextSafety.echo(command.agent()) + "' is not allowed on this channel"));
    }
    return command;
  }

  private Outcome unexpected(Delivery delivery, RuntimeException e) {
    if (DatabaseOutage.causedBy(e)) {
      return new Outcome.Transient("the database cannot be reached", null);
    }
    String state = sqlState(e);
    if (state != null && state.startsWith("40")) {
      return new Outcome.Transient("the transaction was rolled back (" + state + ")", null);
    }
    if (state != null && state.startsWith("22")) {
      return new Outcome.Rejected(
          new Rejection(
              "invalid-value",
              400,
              "the message has a value out of range or that cannot be stored"));
    }
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(
        e,
        "inbound message %s failed unexpectedly; error id %s",
        TextSafety.echo(delivery.messageId()),
        errorId);
    return new Outcome.Rejected(Rejection.internal(errorId));
  }

  /** The SQLSTATE of the first SQL error among the causes, or null. */
  private static String sqlState(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      depth++;
    }
    return null;
  }
}
