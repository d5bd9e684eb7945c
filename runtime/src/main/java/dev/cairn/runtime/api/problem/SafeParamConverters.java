package dev.cairn.runtime.api.problem;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts path, query, header, cookie and form parameters so that a bad value is a 400 naming the
 * parameter: text with NUL or an unpaired surrogate, and numbers that do not parse or overflow (the
 * framework's own converters answer 404 for path and query parameters, as JAX-RS prescribes). Other
 * types fall back to the framework's converters.
 */
@Provider
public class SafeParamConverters implements ParamConverterProvider {
  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    String name = nameOf(annotations);
    Function<String, ?> parse;
    if (rawType == String.class) {
      parse = value -> text(name, value);
    } else if (rawType == int.class || rawType == Integer.class) {
      parse = value -> integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
    } else if (rawType == long.class || rawType == Long.class) {
      parse = value -> integer(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (rawType == short.class || rawType == Short.class) {
      parse = value -> integer(name, value, Short.MIN_VALUE, Short.MAX_VALUE).shortValue();
    } else {
      return null;
    }
    return (ParamConverter<T>) new Converter<>(parse);
  }

  private static String text(String name, String value) {
    String problem = TextSafety.problem(value);
    if (problem != null) {
      throw new InvalidParameterException(name, problem);
    }
    return value;
  }

  private static Long integer(String name, String value, long min, long max) {
    text(name, value);
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "must be an integer");
    }
    if (parsed < min || parsed > max) {
      throw new InvalidParameterException(
          name, "must be an integer between " + min + " and " + max);
    }
    return parsed;
  }

  /**
   * The parameter's name, from its annotation; REST annotations without a value name the Java
   * parameter, which is not known here.
   */
  static String nameOf(Annotation[] annotations) {
    if (annotations != null) {
      for (Annotation a : annotations) {
        String name =
            switch (a) {
              case QueryParam q -> q.value();
              case PathParam p -> p.value();
              case HeaderParam h -> h.value();
              case CookieParam c -> c.value();
              case FormParam f -> f.value();
              case MatrixParam m -> m.value();
              case RestQuery q -> q.value();
              case RestPath p -> p.value();
              case RestHeader h -> h.value();
              case RestCookie c -> c.value();
              case RestForm f -> f.value();
              case RestMatrix m -> m.value();
              default -> null;
            };
        if (name != null && !name.isEmpty()) {
          return name;
        }
      }
    }
    return "parameter";
  }

  private record Converter<T>(Function<String, T> parse) implements ParamConverter<T> {
    @Override
    public T fromString(String value) {
      return value == null ? null : parse.apply(value);
    }

    @Override
    public String toString(T value) {
      return value == null ? null : value.toString();
    }
  }
}
