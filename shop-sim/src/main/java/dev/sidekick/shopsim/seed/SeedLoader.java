package dev.sidekick.shopsim.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a seed from a file path, a classpath resource, or a short name ("acme" = classpath {@code shop/acme.yaml}). */
public final class SeedLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private SeedLoader() {}

  public static ShopSeed load(String nameOrPath) {
    try {
      Path file = Path.of(nameOrPath);
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return YAML.readValue(in, ShopSeed.class);
        }
      }
      for (String candidate : new String[] {nameOrPath, "shop/" + nameOrPath, "shop/" + nameOrPath + ".yaml"}) {
        try (InputStream in = open(candidate)) {
          if (in != null) return YAML.readValue(in, ShopSeed.class);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read shop seed " + nameOrPath + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("shop seed not found as a file or on the classpath: " + nameOrPath);
  }

  private static InputStream open(String name) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    InputStream in = cl == null ? null : cl.getResourceAsStream(name);
    return in != null ? in : SeedLoader.class.getClassLoader().getResourceAsStream(name);
  }
}
