package dev.sidekick.gladlysim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With TLS on, the simulator serves HTTPS with a self-signed certificate that a client trusts through trustPem(). */
class TlsTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("acme").configure(o -> o.tls(true).rateLimitEnabled(false));

  private static HttpClient trusting(String pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("gladly-sim", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString("sidekick@acme.example:sidekick-token".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void a_client_that_trusts_the_pem_talks_https_and_others_are_refused() throws Exception {
    assertThat(gladly.baseUrl()).startsWith("https://");
    assertThat(gladly.trustPem()).startsWith("-----BEGIN CERTIFICATE-----");

    HttpResponse<String> r = trusting(gladly.trustPem()).send(get(gladly.baseUrl() + "/api/v1/organization").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"Acme\"");
    assertThat(dev.sidekick.gladlysim.testing.OpenApiConformance.get().checkResponse("GET", "/api/v1/organization", 200, r.body()))
        .isEmpty();

    assertThatThrownBy(() -> HttpClient.newHttpClient().send(get(gladly.baseUrl() + "/api/v1/organization").build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void https_webhook_urls_on_the_simulator_itself_need_no_loopback_exception() throws Exception {
    String body = "{\"url\":\"" + gladly.receiverUrl("/tls") + "\",\"events\":[\"CONTACT/MESSAGE_RECEIVED\"],\"enabled\":true}";
    HttpResponse<String> r = trusting(gladly.trustPem()).send(get(gladly.baseUrl() + "/api/v1/webhooks")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEmpty();
    gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Over TLS");
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/tls").size() == 2);
    dev.sidekick.gladlysim.testing.Gladly.assertPayloadsConform(gladly);
  }

  @Test
  void a_simulator_reached_by_another_name_serves_the_certificate_it_is_given() throws Exception {
    io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("gladly.gladly-sim.svc");
    SimOptions options = SimOptions.defaults().tlsCertificate(java.nio.file.Path.of(cert.certificatePath()),
        java.nio.file.Path.of(cert.privateKeyPath()));
    try (GladlySimulator sim = GladlySimulator.start(options)) {
      assertThat(sim.trustPem()).isEqualTo(java.nio.file.Files.readString(java.nio.file.Path.of(cert.certificatePath())));
      // the certificate names gladly.gladly-sim.svc, not localhost: a client that trusts it still checks the name
      assertThatThrownBy(() -> trusting(sim.trustPem()).send(get(sim.baseUrl() + "/api/v1/organization").build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      java.security.cert.X509Certificate served = served(sim.port());
      assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=gladly.gladly-sim.svc");
    } finally {
      cert.delete();
    }
  }

  /** The certificate the server at 127.0.0.1:port presents (trusting anything, to look at it). */
  private static java.security.cert.X509Certificate served(int port) throws Exception {
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}
      public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
    }}, null);
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
