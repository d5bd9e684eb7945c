package dev.cairn.runtime.security;

import dev.cairn.runtime.config.CairnConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives identities from verified bearer tokens (issuer, audience and signature are checked by
 * SmallRye JWT) Cairn's tenant and roles, read from the configured claims. A token without a valid
 * tenant is refused; claim values that are not one of the four roles are ignored.
 */
@ApplicationScoped
public class JwtClaimsAugmentor implements SecurityIdentityAugmentor {
  private static final Pattern TENANT_ID = Pattern.compile(TenantDirectory.ID_PATTERN);
  private static final int MAX_SUBJECT = 200;
  private final String tenantClaim;
  private final String rolesClaim;

  /**
   * Creates the augmentor.
   *
   * @param config configuration
   */
  public JwtClaimsAugmentor(CairnConfig config) {
    this.tenantClaim = config.security().jwt().tenantClaim();
    this.rolesClaim = config.security().jwt().rolesClaim();
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    try {
      return Uni.createFrom().item(withCairnClaims(identity, token));
    } catch (AuthenticationFailedException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private SecurityIdentity withCairnClaims(SecurityIdentity identity, JsonWebToken token) {
    Object tenantValue = claim(token, tenantClaim);
    String tenant = tenantValue instanceof JsonString s ? s.getString() : asText(tenantValue);
    if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
      throw new AuthenticationFailedException("token has no valid '" + tenantClaim + "' claim");
    }
    String subject = token.getSubject();
    if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
      throw new AuthenticationFailedException("token has no valid subject");
    }
    String actor = "user:" + subject;
    QuarkusSecurityIdentity.Builder builder =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(token)
            .addCredentials(identity.getCredentials())
            .addAttributes(identity.getAttributes())
            .addAttribute(IdentityAttributes.TENANT, tenant)
            .addAttribute(IdentityAttributes.ACTOR, actor);
    for (String value : roleValues(claim(token, rolesClaim))) {
      Role.parse(value).ifPresent(role -> builder.addRole(role.id()));
    }
    return builder.build();
  }

  private static Object claim(JsonWebToken token, String path) {
    String[] parts = path.split("/");
    Object value = token.getClaim(parts[0]);
    for (int i = 1; i < parts.length && value != null; i++) {
      value = value instanceof JsonObject object ? object.get(parts[i]) : null;
    }
    return value;
  }

  private static Set<String> roleValues(Object value) {
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof JsonArray array) {
      for (JsonValue item : array) {
        if (item instanceof JsonString s) {
          roles.add(s.getString());
        }
      }
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(item -> roles.add(String.valueOf(item)));
    } else if (value instanceof JsonString s) {
      roles.addAll(Arrays.asList(s.getString().trim().split("\\s+")));
    } else if (value instanceof String s) {
      roles.addAll(Arrays.asList(s.trim().split("\\s+")));
    }
    return roles;
  }

  private static String asText(Object value) {
    return value instanceof String s ? s : null;
  }
}
