package dev.cairn.runtime.security;

/** The caller's tenant is disabled (or unknown): every request of it is refused (403). */
public class TenantDisabledException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param tenantId the tenant
   */
  public TenantDisabledException(String tenantId) {
    super("tenant '" + tenantId + "' is disabled or does not exist");
  }
}
