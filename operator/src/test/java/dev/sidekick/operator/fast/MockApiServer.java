package dev.sidekick.operator.fast;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The Kubernetes API server of the fast tests: the fabric8 mock server in CRUD mode, as
 * {@code @WithKubernetesTestServer} starts it, with one correction that makes it answer as a real API server
 * does. A write that removes the last finalizer of an object being deleted deletes the object and answers with
 * it; the mock answers with an empty body instead, which fabric8 turns into {@code null} and JOSDK's finalizer
 * removal into a NullPointerException (JOSDK issue 3331), a stack trace in the log of every test that deletes.
 */
public class MockApiServer implements QuarkusTestResourceLifecycleManager {
  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;

  @Override
  public Map<String, String> start() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(), new MockWebServer(), expectations,
            new FinalizerRemovalAnswersTheObject(new KubernetesMixedDispatcher(expectations)), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    // the same settings as Quarkus' KubernetesServerTestResource; the client reads them as system properties
    Map<String, String> properties = new HashMap<>();
    properties.put(Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY, "true");
    properties.put("quarkus.tls.trust-all", "true");
    properties.put(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    properties.put(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    properties.put(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "test");
    properties.put(Config.KUBERNETES_HTTP2_DISABLE, "true");
    properties.put(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, client.getConfiguration().getMasterUrl());
    properties.forEach(System::setProperty);
    return properties;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroy();
      client.close();
      server = null;
    }
  }

  /** Answers a PATCH or PUT that deleted its object (no finalizer left) with the object, as Kubernetes does. */
  private static final class FinalizerRemovalAnswersTheObject extends Dispatcher {
    private final Dispatcher crud;

    FinalizerRemovalAnswersTheObject(Dispatcher crud) {
      this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      boolean write = request.method() == HttpMethod.PATCH || request.method() == HttpMethod.PUT;
      MockResponse before = write ? crud.dispatch(get(request.getPath())) : null;
      MockResponse response = crud.dispatch(request);
      if (!write || before.code() != 200 || response.code() >= 300 || response.getBody().size() > 0) {
        return response;
      }
      var deleted = Serialization.unmarshal(new String(before.getBody().getBytes()), GenericKubernetesResource.class);
      deleted.getMetadata().setFinalizers(List.of());
      return response.setResponseCode(200).setBody(Serialization.asJson(deleted));
    }

    private static RecordedRequest get(String path) {
      return new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer());
    }

    @Override
    public void shutdown() {
      crud.shutdown();
    }
  }
}
