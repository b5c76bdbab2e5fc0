package dev.sidekick.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a minimal runtime.yaml points at (key of endpoint us-store, Gladly credentials, a knowledge base, a Shopify token). */
public final class ConfigFixture {
  private ConfigFixture() {}

  public static void writeFiles(Path dir, String shopifyToken) throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/us-store"), "k1\n");
    Files.writeString(dir.resolve("email"), "sidekick@acme.example\n");
    Files.writeString(dir.resolve("token"), "t\n");
    Files.writeString(dir.resolve("shopify-token"), shopifyToken + "\n");
    Files.writeString(dir.resolve("kb.yaml"), "entries: [{id: a, phrases: [x], answer: y}]\n");
  }
}
