package dev.sidekick.runtime.webhook;

import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFile;
import dev.sidekick.runtime.config.SecretFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a delivery's credentials against its endpoint: the {@code x-api-key} against the current key
 * ({@code keysDir/NAME}) and, during a rotation, the previous one ({@code keysDir/NAME.previous}), in
 * constant time; and Gladly's Basic credentials when the endpoint asks for them. Key files are re-read as
 * they change, so a rotation needs no restart.
 */
@ApplicationScoped
public class EndpointKeys {
  @Inject SecretFiles secrets;

  private volatile Map<String, Credentials> byEndpoint = Map.of();

  public void start(RuntimeConfig config) {
    Map<String, Credentials> map = new HashMap<>();
    for (EndpointSettings e : config.endpoints()) {
      map.put(
          e.name(),
          new Credentials(
              secrets.file(config.keysDir().resolve(WebhookKeys.currentFile(e.name()))),
              secrets.file(config.keysDir().resolve(WebhookKeys.previousFile(e.name()))),
              e.basicAuth().map(b -> secrets.file(b.usernameFile())),
              e.basicAuth().map(b -> secrets.file(b.passwordFile()))));
    }
    byEndpoint = Map.copyOf(map);
  }

  /** Whether {@code apiKey} (and {@code authorization}, when the endpoint uses Basic) are right. */
  public boolean accepts(String endpoint, String apiKey, String authorization) {
    Credentials c = byEndpoint.get(endpoint);
    if (c == null || apiKey == null) {
      return false;
    }
    byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
    // Both keys are always compared, so timing does not tell which one matched.
    boolean current = matches(c.current.bytes(), given);
    boolean previous = matches(c.previous.bytes(), given);
    if (!(current | previous)) {
      return false;
    }
    if (c.username.isEmpty()) {
      return true;
    }
    return basicMatches(c, authorization);
  }

  private static boolean basicMatches(Credentials c, String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    boolean user = matches(c.username.get().bytes(), decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8));
    boolean pass = matches(c.password.get().bytes(), decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    return user & pass;
  }

  private static boolean matches(Optional<byte[]> expected, byte[] given) {
    return expected.isPresent() && MessageDigest.isEqual(expected.get(), given);
  }

  private record Credentials(
      SecretFile current, SecretFile previous, Optional<SecretFile> username, Optional<SecretFile> password) {}
}
