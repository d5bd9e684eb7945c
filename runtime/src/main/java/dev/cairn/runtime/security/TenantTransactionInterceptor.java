package dev.cairn.runtime.security;

import dev.cairn.persistence.TenantScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Applies {@link TenantTransactional}: a transaction in the tenant's row-level security scope. */
@TenantTransactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class TenantTransactionInterceptor {
  private static final Map<Method, Integer> TENANT_PARAMETER = new ConcurrentHashMap<>();
  private final EntityManager em;

  /**
   * Creates the interceptor.
   *
   * @param em the entity manager
   */
  public TenantTransactionInterceptor(EntityManager em) {
    this.em = em;
  }

  /**
   * Runs the method in the tenant's scope.
   *
   * @param context the invocation
   * @return the method's result
   * @throws Exception what the method throws
   */
  @AroundInvoke
  public Object inTenantScope(InvocationContext context) throws Exception {
    Object tenant = context.getParameters()[tenantParameter(context.getMethod())];
    if (!(tenant instanceof String tenantId)) {
      throw new IllegalStateException("no tenant given to " + context.getMethod());
    }
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              TenantScope.enter(em, tenantId);
              return context.proceed();
            });
  }

  private static int tenantParameter(Method method) {
    return TENANT_PARAMETER.computeIfAbsent(
        method,
        m -> {
          Parameter[] parameters = m.getParameters();
          for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isAnnotationPresent(TenantId.class)) {
              return i;
            }
          }
          throw new IllegalStateException(m + " is @TenantTransactional without a @TenantId");
        });
  }
}
