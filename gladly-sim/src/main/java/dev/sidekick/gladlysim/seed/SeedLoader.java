package dev.sidekick.gladlysim.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a seed from a file path, a classpath resource, or a short name ("acme" = classpath {@code sim/acme.yaml}). */
public final class SeedLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private SeedLoader() {}

  public static Seed load(String nameOrPath) {
    try {
      Path file = Path.of(nameOrPath);
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return validate(YAML.readValue(in, Seed.class), nameOrPath);
        }
      }
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl == null) cl = SeedLoader.class.getClassLoader();
      for (String candidate : new String[] {nameOrPath, "sim/" + nameOrPath, "sim/" + nameOrPath + ".yaml"}) {
        try (InputStream in = open(cl, candidate)) {
          if (in != null) return validate(YAML.readValue(in, Seed.class), nameOrPath);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read seed " + nameOrPath + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("seed not found as a file or on the classpath: " + nameOrPath);
  }

  private static InputStream open(ClassLoader cl, String name) {
    InputStream in = cl.getResourceAsStream(name);
    return in != null ? in : SeedLoader.class.getClassLoader().getResourceAsStream(name);
  }

  private static Seed validate(Seed seed, String name) {
    if (seed.organizations == null || seed.organizations.isEmpty()) {
      throw new IllegalArgumentException("seed " + name + " has no organizations");
    }
    for (Seed.OrgSeed org : seed.organizations) {
      if (org.key == null || org.key.isBlank()) throw new IllegalArgumentException("seed " + name + ": an organization has no key");
    }
    return seed;
  }
}
