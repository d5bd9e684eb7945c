package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps OpenAPI operations to their resource methods and checks each declares its roles. */
final class RoleDeclarations {
  private RoleDeclarations() {}

  static void assertEveryOperationDeclaresRoles(Set<String> operations) {
    Map<String, Method> methods = resourceMethods();
    for (String operation : operations) {
      Method method = methods.get(operation);
      assertThat(method).as("resource method of " + operation).isNotNull();
      boolean declared =
          method.isAnnotationPresent(RolesAllowed.class)
              || method.isAnnotationPresent(PermitAll.class)
              || method.isAnnotationPresent(DenyAll.class)
              || method.getDeclaringClass().isAnnotationPresent(RolesAllowed.class);
      assertThat(declared).as(operation + " declares its roles").isTrue();
      if (method.isAnnotationPresent(RolesAllowed.class)) {
        for (String role : method.getAnnotation(RolesAllowed.class).value()) {
          assertThat(Role.parse(role)).as(operation + " names a known role").isPresent();
        }
      }
    }
  }

  static Map<String, Method> resourceMethods() {
    Map<String, Method> byOperation = new HashMap<>();
    for (JavaClass javaClass :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cairn.runtime.api")) {
      Class<?> type = javaClass.reflect();
      Path root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String verb = verb(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = join(root.value(), sub == null ? "" : sub.value());
        byOperation.put(verb + " " + path, method);
      }
    }
    return byOperation;
  }

  private static String verb(Method method) {
    for (var entry :
        List.of(
            Map.entry(GET.class, "GET"),
            Map.entry(POST.class, "POST"),
            Map.entry(PUT.class, "PUT"),
            Map.entry(PATCH.class, "PATCH"),
            Map.entry(DELETE.class, "DELETE"))) {
      if (method.isAnnotationPresent(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String join(String a, String b) {
    String path = ("/" + a + "/" + b).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
