package dev.cairn.runtime.security;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method in a transaction (joining the current one) confined to one tenant by row-level
 * security: the transaction switches to the {@code cairn_api} database role with the tenant named
 * by the method's {@link TenantId} parameter. A query in it that forgets its tenant filter still
 * sees only that tenant's rows. A method without a {@link TenantId} parameter fails.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantTransactional {}
