package dev.sidekick.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulated Gladly running in the cluster, driven through its control API (gladly-sim/README.md) from the test
 * machine: act as a customer, and see what Sidekick did. The Service's ClusterIP is reachable from the node; the
 * connection trusts only the simulator's CA (its certificate names the Service's DNS name, which the node cannot
 * resolve: the suite runs with jdk.internal.httpclient.disableHostnameVerification).
 */
final class RemoteGladly {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final String base;

  RemoteGladly(String clusterIp, Path caPem) {
    this.base = "https://" + clusterIp;
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("gladly-sim-ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caPem))));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the simulator's CA " + caPem, e);
    }
  }

  /** A customer starts a chat at an entry point: the conversation id. */
  String startChat(String entryPoint, String email) {
    ObjectNode body = JSON.createObjectNode().put("entryPoint", entryPoint);
    body.putObject("customer").put("email", email).put("name", "E2E " + email);
    return post("/sim/customer/chats", body).path("conversationId").asText();
  }

  void say(String conversationId, String text) {
    post("/sim/customer/chats/" + conversationId + "/messages", JSON.createObjectNode().put("text", text));
  }

  /** What the customer sees in the chat window. */
  JsonNode chat(String conversationId) {
    return get("/sim/customer/chats/" + conversationId + "/messages");
  }

  /** Texts of the BOT lines of a chat. */
  List<String> botAnswers(String conversationId) {
    List<String> out = new ArrayList<>();
    for (JsonNode line : chat(conversationId).path("messages")) {
      if ("BOT".equals(line.path("from").asText())) out.add(line.path("text").asText());
    }
    return out;
  }

  /** A customer sends an email to an entry point: the conversation id. */
  String sendEmail(String from, String to, String subject, String text) {
    ObjectNode body = JSON.createObjectNode().put("from", from).put("to", to).put("subject", subject).put("body", text);
    return post("/sim/customer/emails", body).path("conversationId").asText();
  }

  /** A conversation with its items (messages, notes, topics), in Gladly's shapes plus the simulator's fields. */
  JsonNode conversation(String id) {
    return get("/sim/conversations/" + id);
  }

  /** Items of a conversation whose content type is {@code type} and whose initiator type is {@code initiator}. */
  List<JsonNode> items(String conversationId, String type, String initiator) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode item : conversation(conversationId).path("items")) {
      if (type.equals(item.path("content").path("type").asText())
          && (initiator == null || initiator.equals(item.path("initiator").path("type").asText()))) {
        out.add(item);
      }
    }
    return out;
  }

  JsonNode webhooks() {
    return get("/sim/webhooks");
  }

  JsonNode deliveries() {
    return get("/sim/deliveries");
  }

  JsonNode organizations() {
    return get("/sim/organizations");
  }

  /** The id of the default organization's inbox of that name. */
  String inboxId(String name) {
    for (JsonNode inbox : organizations().path(0).path("inboxes")) {
      if (name.equals(inbox.path("name").asText())) return inbox.path("id").asText();
    }
    throw new AssertionError("no inbox " + name);
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private JsonNode post(String path, JsonNode body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() / 100 != 2) throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
      return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
