package dev.cairn.runtime.agents;

/** Tenancy: one default tenant until authentication assigns tenants to callers. */
public final class Tenants {
  /** The tenant of every caller for now. */
  public static final String DEFAULT = "default";

  private Tenants() {}
}
