package dev.sidekick.runtime.webhook;

import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 deliveries broken in every way a proxy, a bug or an attacker could break them (cut short, bytes after the
 * event, invalid UTF-8, unpaired surrogates, a structural character dropped, garbage, deep nesting): each one is a
 * 400, never a 5xx (Gladly would retry it and disable the webhook), and none reaches a handler.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class MalformedDeliveriesTest {
  private static final int DELIVERIES = 10_000;
  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF},
    {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0x80},
    {(byte) 0xFE}, {(byte) 0xE2, (byte) 0x82}
  };

  @BeforeEach
  void ready() {
    await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    Webhooks.removeAll();
  }

  @Test
  void ten_thousand_malformed_deliveries_are_each_refused_with_400() throws Exception {
    Random random = new Random(20240601);
    List<byte[]> events = List.of(
        utf8(Events.chatMessage("evt-chat", "session-1", "conv-1", "msg-1", "Where is my order")),
        utf8(Events.messageReceived("evt-msg", "conv-2", "item-2")),
        utf8(Events.ping()));
    List<byte[]> bodies = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      byte[] event = events.get(random.nextInt(events.size()));
      int kind = random.nextInt(7);
      kinds.add(List.of("cut", "trailing", "utf8", "surrogate", "structure", "garbage", "nesting").get(kind));
      bodies.add(switch (kind) {
        case 0 -> cut(event, random);
        case 1 -> trailing(event, random);
        case 2 -> invalidUtf8(event, random);
        case 3 -> loneSurrogate(event, random);
        case 4 -> dropStructural(event, random);
        case 5 -> garbage(random);
        default -> nesting(random);
      });
    }
    double handledBefore = handled();
    double malformedBefore = malformed();

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/gladly/us-store/chat");
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<String, String> examples = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        byte[] body = bodies.get(i);
        String kind = kinds.get(i);
        sent.add(pool.submit(() -> {
          HttpResponse<String> r = http.send(
              HttpRequest.newBuilder(uri).header("x-api-key", US_KEY).header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
          if (r.statusCode() != 400) {
            examples.putIfAbsent(kind + " " + r.statusCode(), new String(body, StandardCharsets.ISO_8859_1) + " -> " + r.body());
          }
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(new TreeMap<>(statuses)).as("statuses (examples of other answers: %s)", examples)
        .containsOnlyKeys(400);
    assertThat(statuses.get(400).get()).isEqualTo(DELIVERIES);
    assertThat(malformed() - malformedBefore).as("counted as malformed").isEqualTo(DELIVERIES);
    assertThat(handled() - handledBefore).as("events accepted for handling").isZero();
  }

  /** Deliveries the runtime counted as malformed ({@code sidekick_events_total}). */
  private static double malformed() {
    return events("outcome=\"malformed\"");
  }

  /** Deliveries that went past the checks to a handler. */
  private static double handled() {
    return events("outcome=\"answered\"") + events("outcome=\"handed_off\"") + events("outcome=\"closed\"")
        + events("outcome=\"left_alone\"") + events("outcome=\"failed_permanently\"")
        + events("outcome=\"retry_later\"") + events("outcome=\"duplicate\"");
  }

  private static double events(String label) {
    return given().get("/q/metrics").asString().lines()
        .filter(l -> l.startsWith("sidekick_events_total{") && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static byte[] cut(byte[] event, Random r) {
    return java.util.Arrays.copyOf(event, 1 + r.nextInt(event.length - 1));
  }

  private static byte[] trailing(byte[] event, Random r) {
    String[] tails = {"x", "{}", "[]", "0", "\"", "{\"id\":\"again\"}", " }", "\u0000"};
    return concat(event, (r.nextBoolean() ? " " : "").getBytes(), utf8(tails[r.nextInt(tails.length)]));
  }

  private static byte[] invalidUtf8(byte[] event, Random r) {
    int at = r.nextInt(event.length + 1);
    return concat(java.util.Arrays.copyOf(event, at), INVALID_UTF8[r.nextInt(INVALID_UTF8.length)],
        java.util.Arrays.copyOfRange(event, at, event.length));
  }

  /** An escaped lone surrogate put just inside a string value. */
  private static byte[] loneSurrogate(byte[] event, Random r) {
    String s = new String(event, StandardCharsets.UTF_8);
    String[] escapes = {"\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ude00\\ud83d", "\\ud83dx"};
    List<Integer> quotes = new ArrayList<>();
    for (int i = s.indexOf("\":\""); i >= 0; i = s.indexOf("\":\"", i + 1)) {
      quotes.add(i + 3);
    }
    int at = quotes.get(r.nextInt(quotes.size()));
    return utf8(s.substring(0, at) + escapes[r.nextInt(escapes.length)] + s.substring(at));
  }

  private static byte[] dropStructural(byte[] event, Random r) {
    // a structural character of the JSON itself: outside strings (a timestamp's ':' would not break anything), or a quote
    List<Integer> structural = new ArrayList<>();
    boolean inString = false;
    for (int i = 0; i < event.length; i++) {
      if (event[i] == '"' && (i == 0 || event[i - 1] != '\\')) {
        inString = !inString;
        structural.add(i);
      } else if (!inString && "{}[]:,".indexOf(event[i]) >= 0) {
        structural.add(i);
      }
    }
    int drop = structural.get(r.nextInt(structural.size()));
    return concat(java.util.Arrays.copyOf(event, drop), java.util.Arrays.copyOfRange(event, drop + 1, event.length));
  }

  private static byte[] garbage(Random r) {
    byte[] b = new byte[r.nextInt(300)];
    r.nextBytes(b);
    return b;
  }

  private static byte[] nesting(Random r) {
    int depth = 500 + r.nextInt(20_000);
    return utf8("{\"id\":\"deep\",\"type\":\"PING\",\"content\":" + "[".repeat(depth));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
