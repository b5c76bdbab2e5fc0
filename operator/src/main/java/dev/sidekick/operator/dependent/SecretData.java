package dev.sidekick.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A value of a user's Secret, as its volume would show it (trimmed). Never logged. */
public final class SecretData {
  private SecretData() {}

  /** The value under {@code key} ({@code data} or, not yet encoded, {@code stringData}); null when there is none. */
  public static String value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8).trim();
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key).trim();
    }
    return null;
  }
}
