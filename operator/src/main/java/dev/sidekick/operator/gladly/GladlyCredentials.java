package dev.sidekick.operator.gladly;

import dev.sidekick.operator.api.CredentialsSecretRef;
import dev.sidekick.operator.dependent.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** The Sidekick API user's email and token, as its credentials Secret holds them. Never shown. */
public record GladlyCredentials(String email, String token) {

  /** The email and token in the Secret, trimmed; empty when a key is missing ({@link #missingKey}). */
  public static Optional<GladlyCredentials> in(Secret secret, CredentialsSecretRef ref) {
    String email = SecretData.value(secret, ref.emailKeyOrDefault());
    String token = SecretData.value(secret, ref.tokenKeyOrDefault());
    return email == null || token == null ? Optional.empty() : Optional.of(new GladlyCredentials(email, token));
  }

  /** The first key of the reference that the Secret lacks. */
  public static Optional<String> missingKey(Secret secret, CredentialsSecretRef ref) {
    if (SecretData.value(secret, ref.emailKeyOrDefault()) == null) return Optional.of(ref.emailKeyOrDefault());
    if (SecretData.value(secret, ref.tokenKeyOrDefault()) == null) return Optional.of(ref.tokenKeyOrDefault());
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "GladlyCredentials[not shown]";
  }
}
