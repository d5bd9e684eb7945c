package dev.cairn.runtime.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Installs {@link SafeTextModule} on the mapper that reads and writes request bodies. */
@Singleton
public class SafeTextCustomizer implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(new SafeTextModule());
  }
}
