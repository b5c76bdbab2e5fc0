package dev.sidekick.contract;

/**
 * The key that authenticates Gladly's deliveries to an endpoint: Gladly sends it in the {@link #HEADER}
 * header; the runtime reads it from a file named after the endpoint in its keysDir (the operator's keys
 * Secret, mounted there), and during a rotation also accepts the previous key from {@link #previousFile}.
 */
public final class WebhookKeys {
  public static final String HEADER = "x-api-key";
  public static final String PREVIOUS_SUFFIX = ".previous";

  private WebhookKeys() {}

  public static String currentFile(String endpoint) {
    return endpoint;
  }

  public static String previousFile(String endpoint) {
    return endpoint + PREVIOUS_SUFFIX;
  }

  public static boolean isPreviousFile(String fileName) {
    return fileName.endsWith(PREVIOUS_SUFFIX);
  }
}
