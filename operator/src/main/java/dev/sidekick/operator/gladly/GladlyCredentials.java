package dev.sidekick.operator.gladly;

import dev.sidekick.operator.api.CredentialsSecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The Sidekick API user's email and token, as its credentials Secret holds them. Never shown. */
public record GladlyCredentials(String email, String token) {

  /** The email and token in the Secret, trimmed; empty when a key is missing ({@link #missingKey}). */
  public static Optional<GladlyCredentials> in(Secret secret, CredentialsSecretRef ref) {
    String email = value(secret, ref.emailKeyOrDefault());
    String token = value(secret, ref.tokenKeyOrDefault());
    return email == null || token == null ? Optional.empty() : Optional.of(new GladlyCredentials(email, token));
  }

  /** The first key of the reference that the Secret lacks. */
  public static Optional<String> missingKey(Secret secret, CredentialsSecretRef ref) {
    if (value(secret, ref.emailKeyOrDefault()) == null) return Optional.of(ref.emailKeyOrDefault());
    if (value(secret, ref.tokenKeyOrDefault()) == null) return Optional.of(ref.tokenKeyOrDefault());
    return Optional.empty();
  }

  private static String value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8).trim();
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key).trim();
    }
    return null;
  }

  @Override
  public String toString() {
    return "GladlyCredentials[not shown]";
  }
}
