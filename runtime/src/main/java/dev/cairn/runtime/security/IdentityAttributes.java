package dev.cairn.runtime.security;

/** Names of the attributes Cairn puts on a {@code SecurityIdentity}. */
final class IdentityAttributes {
  /** The tenant id. */
  static final String TENANT = "cairn.tenant";

  /** The actor. */
  static final String ACTOR = "cairn.actor";

  private IdentityAttributes() {}
}
