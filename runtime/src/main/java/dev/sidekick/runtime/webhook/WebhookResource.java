package dev.sidekick.runtime.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sidekick.contract.Channel;
import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.runtime.Delivered;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.RuntimeState;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.Deadline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code POST /gladly/{endpoint}/{chat|messaging}}. The checks run on the I/O thread in DESIGN.md's
 * order (404, 401, 413, 400, 503, PING, unhandled type); an accepted event moves to a worker thread, where
 * {@link EventIntake} handles it (Gladly calls included) before the answer is sent.
 */
@Path(WebhookRoute.TEMPLATE)
public class WebhookResource {
  private static final Logger LOG = Logger.getLogger(WebhookResource.class);
  static final int MAX_BODY = 1024 * 1024;
  private static final Set<String> CHAT_TYPES = Set.of(Envelope.AUTOMATION_MESSAGE);
  private static final Set<String> MESSAGING_TYPES = Set.of(Envelope.MESSAGE_RECEIVED, Envelope.CONTACT_MESSAGE);
  private static final Set<String> KNOWN_TYPES =
      Set.of(Envelope.PING, Envelope.AUTOMATION_MESSAGE, Envelope.MESSAGE_RECEIVED, Envelope.CONTACT_MESSAGE);

  @Inject RuntimeState state;
  @Inject EndpointKeys keys;
  @Inject EventIntake intake;
  @Inject ObjectMapper json;
  @Inject MeterRegistry meters;
  @Inject Event<Delivered> delivered;
  private volatile ObjectReader strictJson;

  private static final int MAX_CACHED_BODIES = 256;
  // Per (endpoint, type, outcome): a closed set known from the configuration.
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> receive(
      @PathParam(WebhookRoute.ENDPOINT_PARAM) String endpointName,
      @PathParam(WebhookRoute.CHANNEL_PARAM) String channelName,
      @Context HttpHeaders headers,
      byte[] body) {
    Optional<RuntimeConfig> config = state.config();
    if (config.isEmpty()) {
      return done("unknown", "none", Outcome.NOT_READY, "starting");
    }
    Optional<EndpointSettings> endpoint = config.get().endpoint(endpointName);
    Optional<Channel> channel = Channel.fromPath(channelName);
    if (endpoint.isEmpty() || channel.isEmpty() || !endpoint.get().channels().contains(channel.get())) {
      return done("unknown", "none", Outcome.UNKNOWN_ENDPOINT, "no such endpoint");
    }
    String name = endpoint.get().name();
    // getHeaderString matches header names case-insensitively.
    if (!keys.accepts(name, headers.getHeaderString(WebhookKeys.HEADER), headers.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      LOG.infof("refused a delivery to %s/%s: missing or wrong credentials", name, channelName);
      return done(name, "none", Outcome.UNAUTHORIZED, "missing or wrong x-api-key");
    }
    if (body != null && body.length > MAX_BODY) {
      return done(name, "none", Outcome.TOO_LARGE, "body over 1 MiB");
    }
    Envelope event;
    try {
      event = Envelope.parse(strictJson(), body == null ? new byte[0] : body);
    } catch (Envelope.MalformedEvent e) {
      return done(name, "none", Outcome.MALFORMED, e.getMessage());
    }
    String typeTag = KNOWN_TYPES.contains(event.type()) ? event.type() : "other";
    if (!state.ready()) {
      return done(name, typeTag, Outcome.NOT_READY, "waiting for " + state.waitingFor());
    }
    if (event.type().equals(Envelope.PING)) {
      // a webhook created, or enabled again after Gladly disabled it: catch-up looks for a gap
      delivered.fire(new Delivered(Delivered.Kind.PING, name, channel.get(), event.recordedAt()));
      return done(name, typeTag, Outcome.PING, "pong");
    }
    Set<String> handled = channel.get() == Channel.CHAT ? CHAT_TYPES : MESSAGING_TYPES;
    if (!handled.contains(event.type())) {
      return done(name, typeTag, Outcome.UNHANDLED_TYPE, "not handled on /" + channelName);
    }
    String serialKey;
    try {
      serialKey = event.serialKey();
    } catch (Envelope.MalformedEvent e) {
      return done(name, typeTag, Outcome.MALFORMED, e.getMessage());
    }
    EndpointSettings settings = endpoint.get();
    // The deadline starts now, so that time spent waiting for a worker thread counts too.
    Deadline deadline = Deadline.in(config.get().eventDeadline());
    return Uni.createFrom()
        .item(() -> intake.handle(settings, event, serialKey, deadline))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .map(r -> answer(name, typeTag, r.outcome(), r.detail()));
  }

  private ObjectReader strictJson() {
    ObjectReader r = strictJson;
    if (r == null) {
      strictJson = r = Envelope.reader(json);
    }
    return r;
  }

  private Uni<Response> done(String endpoint, String type, Outcome outcome, String detail) {
    return Uni.createFrom().item(answer(endpoint, type, outcome, detail));
  }

  private Response answer(String endpoint, String type, Outcome outcome, String detail) {
    counters
        .computeIfAbsent(
            endpoint + '\n' + type + '\n' + outcome.name(),
            k -> meters.counter("sidekick.events", "endpoint", endpoint, "type", type, "outcome", outcome.tag()))
        .increment();
    Response.ResponseBuilder r =
        Response.status(outcome.status()).entity(body(outcome, detail)).type(MediaType.APPLICATION_JSON);
    if (outcome == Outcome.RETRY_LATER || outcome == Outcome.NOT_READY) {
      r.header("Retry-After", "30");
    }
    return r.build();
  }

  /**
   * The answer's JSON, encoded once per (outcome, detail): the details are a small set of fixed texts, so
   * no serialisation per request. Details that vary (a parse error's message) are encoded each time once
   * the cache is full.
   */
  private byte[] body(Outcome outcome, String detail) {
    String key = outcome.name() + '\n' + detail;
    byte[] cached = bodies.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] encoded;
    try {
      encoded = json.writeValueAsBytes(new WebhookAnswer(outcome.tag(), detail));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a webhook answer", e);
    }
    if (bodies.size() < MAX_CACHED_BODIES) {
      bodies.putIfAbsent(key, encoded);
    }
    return encoded;
  }
}
