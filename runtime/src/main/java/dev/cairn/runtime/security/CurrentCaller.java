package dev.cairn.runtime.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Set;

/** The authenticated caller of the current request, refused when its tenant is disabled. */
@RequestScoped
public class CurrentCaller {
  private final SecurityIdentity identity;
  private final TenantDirectory tenants;
  private Caller caller;

  /**
   * Creates the bean.
   *
   * @param identity the request's identity
   * @param tenants tenant states
   */
  public CurrentCaller(SecurityIdentity identity, TenantDirectory tenants) {
    this.identity = identity;
    this.tenants = tenants;
  }

  /**
   * The caller.
   *
   * @return the caller
   * @throws UnauthorizedException when the request is anonymous
   * @throws TenantDisabledException when the caller's tenant is disabled
   */
  public Caller get() {
    if (caller == null) {
      caller = resolve();
    }
    return caller;
  }

  private Caller resolve() {
    if (identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    String tenant = identity.getAttribute(IdentityAttributes.TENANT);
    String actor = identity.getAttribute(IdentityAttributes.ACTOR);
    if (tenant == null || actor == null) {
      throw new UnauthorizedException();
    }
    if (!tenants.isEnabled(tenant)) {
      throw new TenantDisabledException(tenant);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : identity.getRoles()) {
      Role.parse(name).ifPresent(roles::add);
    }
    return new Caller(actor, tenant, Set.copyOf(roles));
  }
}
