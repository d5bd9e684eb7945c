package dev.cairn.runtime.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** Turns a presented API key into an identity with its tenant and roles. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
  private final ApiKeys keys;

  /**
   * Creates the provider.
   *
   * @param keys API keys
   */
  public ApiKeyIdentityProvider(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Class<ApiKeyAuthenticationRequest> getRequestType() {
    return ApiKeyAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(() -> identity(request));
  }

  private SecurityIdentity identity(ApiKeyAuthenticationRequest request) {
    Optional<ApiKeyToken> token = ApiKeyToken.parse(request.presented());
    if (token.isEmpty()) {
      throw new AuthenticationFailedException("malformed API key");
    }
    ApiKeys.Verdict verdict = keys.verify(token.get());
    if (verdict.refusal() != null) {
      throw new AuthenticationFailedException(
          switch (verdict.refusal()) {
            case UNKNOWN -> "unknown API key";
            case EXPIRED -> "API key expired";
            case REVOKED -> "API key revoked";
          },
          Map.of(AuthFailures.KEY_ID, token.get().id()));
    }
    ApiKeys.StoredKey key = verdict.key();
    keys.touch(key.id());
    String actor = "key:" + key.id();
    QuarkusSecurityIdentity.Builder identity =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(actor))
            .addAttribute(IdentityAttributes.TENANT, key.tenantId())
            .addAttribute(IdentityAttributes.ACTOR, actor);
    key.roles().forEach(role -> identity.addRole(role.id()));
    return identity.build();
  }
}
