import com.fasterxml.jackson.databind.*;
import io.micrometer.core.instrument.*;
import io.micrometer.prometheus.*;
import java.nio.charset.StandardCharsets;

/**
 * ns per operation of the pieces of the webhook's PING path that the bare endpoint does not have (for
 * runtime/PERF-NOTES.md). Single-file program on the runtime's own jars, after a build:
 *
 *   java -cp "$(ls runtime/target/quarkus-app/lib/main/*.jar | tr '\n' :)" bench/runtime/WebhookParts.java
 *
 * A crude loop (no JMH): 3 rounds of 2 million calls each, the last printed; compare orders of magnitude only.
 */
public class WebhookParts {
  public record WebhookAnswer(String outcome, String detail) {}
  static volatile Object sink;
  public static void main(String[] a) throws Exception {
    ObjectMapper json = new ObjectMapper();
    byte[] body = ("{\"id\":\"bench-123456-1\",\"type\":\"PING\",\"timestamp\":\"2026-11-23T22:00:00.000Z\",\"initiator\":{\"id\":\"bench\","
        + "\"type\":\"CUSTOMER\"},\"content\":{\"sessionId\":\"bench-session\",\"conversationId\":\"bench-conversation\","
        + "\"customerId\":\"bench-customer\",\"message\":{\"id\":\"bench-message\",\"content\":{\"type\":\"TEXT\","
        + "\"body\":\"where is my order?\"}}}}").getBytes(StandardCharsets.UTF_8);
    PrometheusMeterRegistry reg = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter cached = reg.counter("sidekick.events", "endpoint", "us-store", "type", "PING", "outcome", "ping");
    WebhookAnswer ans = new WebhookAnswer("ping", "pong");
    Runnable[] ops = {
      () -> { try { sink = json.readTree(body); } catch (Exception e) { throw new RuntimeException(e); } },
      () -> reg.counter("sidekick.events", "endpoint", "us-store", "type", "PING", "outcome", "ping").increment(),
      () -> cached.increment(),
      () -> { try { sink = json.writeValueAsBytes(ans); } catch (Exception e) { throw new RuntimeException(e); } },
    };
    String[] names = {"ObjectMapper.readTree(330-byte event)", "meters.counter(name, 3 tags).increment() per call",
        "cached Counter.increment()", "writeValueAsBytes(WebhookAnswer)"};
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < ops.length; i++) {
        int n = 2_000_000;
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) ops[i].run();
        long t = System.nanoTime() - t0;
        if (round == 2) System.out.printf("%-55s %6.0f ns/op%n", names[i], (double) t / n);
      }
    }
  }
}
