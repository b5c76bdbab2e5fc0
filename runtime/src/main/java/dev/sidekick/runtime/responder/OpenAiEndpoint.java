package dev.sidekick.runtime.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.config.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * One OpenAI-compatible endpoint ({@code /v1/chat/completions} or {@code /v1/embeddings}): a JSON POST with the
 * optional {@code Authorization: Bearer} key, bounded by a limit. Built on the JDK's HTTP client, like the runtime's
 * other clients (blocking, on the worker thread that owns the event; no reflection for native images). Every
 * failure is a {@link Failed} whose message says what happened in words fit for a hand-off reason, never a secret.
 */
public final class OpenAiEndpoint {
  private final URI url;
  private final String what;
  private final Optional<SecretFile> apiKey;
  private final HttpClient http;

  /** @param what how reasons name it: "the model", "the embeddings endpoint" */
  public OpenAiEndpoint(URI url, String what, Optional<SecretFile> apiKey, Duration connectTimeout) {
    this.url = url;
    this.what = what;
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
  }

  /** The call failed: timed out, refused, answered an error or something that is not JSON. */
  public static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  public URI url() {
    return url;
  }

  /** POSTs the body and returns the answer's JSON, within the limit. */
  public JsonNode post(ObjectNode body, Duration limit, ObjectMapper json) throws Failed {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url)
              .timeout(limit)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      apiKey.flatMap(SecretFile::text).ifPresent(k -> request.header("Authorization", "Bearer " + k));
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new Failed(what + " answered " + response.statusCode());
      }
      return json.readTree(response.body());
    } catch (HttpTimeoutException e) {
      throw new Failed(what + " did not answer within " + limit.toMillis() + " ms");
    } catch (IOException | RuntimeException e) {
      throw new Failed(what + " failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted");
    }
  }
}
