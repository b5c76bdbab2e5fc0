package dev.sidekick.operator.gladly;

import dev.sidekick.operator.config.OperatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Hands out Gladly clients and counts their calls (metric sidekick_gladly_calls_total by method and status).
 * One HTTP client for the operator; one limiter per organization URL, so every integration of an organization
 * shares Gladly's budget.
 */
@ApplicationScoped
public class GladlyClients {
  private final OperatorConfig.Gladly config;
  private final HttpClient http;
  private final Map<String, OrganizationLimiter> limiters = new ConcurrentHashMap<>();

  private final MeterRegistry meters;

  /** Without metrics (unit tests). */
  public GladlyClients(OperatorConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  @Inject
  public GladlyClients(OperatorConfig config, MeterRegistry meters) {
    this.meters = meters;
    this.config = config.gladly();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(this.config.callTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(sslContext(this.config.trustedCaFile().map(Path::of).orElse(null)))
            .build();
  }

  /**
   * The extra CA certificates of {@code sidekick.gladly.trusted-ca-file}, read now (a mounted ConfigMap changes in
   * place): the runtimes call the same Gladly and get them in their configuration.
   */
  public java.util.Optional<String> trustedCaPem() {
    return config.trustedCaFile().map(f -> {
      try {
        return Files.readString(Path.of(f));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read sidekick.gladly.trusted-ca-file " + f, e);
      }
    });
  }

  public GladlyClient forOrganization(String organizationUrl, GladlyCredentials credentials) {
    return forOrganization(organizationUrl, credentials.email(), credentials.token());
  }

  public GladlyClient forOrganization(String organizationUrl, String email, String token) {
    String key = GladlyClient.stripSlash(organizationUrl).toLowerCase();
    OrganizationLimiter limiter =
        limiters.computeIfAbsent(key, k -> new OrganizationLimiter(config.requestsPerSecond()));
    return new GladlyClient(
        http,
        organizationUrl,
        email,
        token,
        limiter,
        config.callTimeout(),
        (method, status) ->
            meters
                .counter("sidekick.gladly.calls", "method", method, "status", status == 0 ? "none" : Integer.toString(status))
                .increment());
  }

  /** The JDK's trusted CAs plus the certificates of an optional PEM file. */
  static SSLContext sslContext(Path extraPem) {
    try {
      X509TrustManager system = trustManager(null);
      if (extraPem == null) {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {system}, new SecureRandom());
        return ctx;
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int i = 0;
      for (X509Certificate cert : readPem(extraPem)) {
        extra.setCertificateEntry("extra-" + i++, cert);
      }
      X509TrustManager custom = trustManager(extra);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new EitherTrustManager(system, custom)}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for Gladly with " + extraPem, e);
    }
  }

  private static List<X509Certificate> readPem(Path pem) throws IOException, CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Collection<? extends java.security.cert.Certificate> certs =
        factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
    List<X509Certificate> out = new ArrayList<>();
    for (var c : certs) out.add((X509Certificate) c);
    if (out.isEmpty()) throw new CertificateException("no certificate in " + pem);
    return out;
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  private record EitherTrustManager(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkClientTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkClientTrusted(chain, authType);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] all = new X509Certificate[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
