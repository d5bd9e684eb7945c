package dev.cairn.runtime.events.webhooks;

import dev.cairn.tools.egress.EgressGuard;
import dev.cairn.tools.egress.EgressPolicy;
import dev.cairn.tools.egress.EgressRefusedException;
import dev.cairn.tools.egress.EgressTarget;
import dev.cairn.tools.egress.Network;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The egress guard for webhook URLs, configured by {@code cairn.webhooks.allow-*}. */
@ApplicationScoped
public class WebhookTargets {
  private final EgressGuard guard;

  /**
   * Builds the guard from the configuration.
   *
   * @param config webhook settings
   * @throws IllegalArgumentException when an allowed network is not CIDR notation
   */
  public WebhookTargets(WebhookConfig config) {
    this.guard = new EgressGuard(policy(config), EgressGuard.SYSTEM_RESOLVER);
  }

  private static EgressPolicy policy(WebhookConfig config) {
    List<Network> allowed = new ArrayList<>();
    for (String cidr : config.allowedNetworks().orElse(List.of())) {
      try {
        allowed.add(Network.parse(cidr));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cairn.webhooks.allowed-networks: " + e.getMessage(), e);
      }
    }
    return new EgressPolicy(config.allowPrivateTargets(), allowed);
  }

  /**
   * Checks a URL now: form, DNS, every address.
   *
   * @param url the URL
   * @return the target to connect to
   * @throws EgressRefusedException when Cairn may not send there
   */
  public EgressTarget check(String url) throws EgressRefusedException {
    return guard.check(url);
  }
}
