package dev.sidekick.runtime.gladly;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's trusted CAs plus the certificates of a PEM file (the configuration's {@code gladly.trustedCaFile}): for a
 * Gladly organization reached through a private CA, such as a TLS-inspecting egress proxy or the simulator in a test
 * cluster.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /** The certificates of a PEM file; fails when it holds none or cannot be parsed. */
  public static List<X509Certificate> read(Path pem) throws IOException, CertificateException {
    Collection<? extends Certificate> certs =
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
    if (certs.isEmpty()) throw new CertificateException("no certificate in the file");
    return certs.stream().map(X509Certificate.class::cast).toList();
  }

  /** A TLS context that trusts what the JDK trusts and the certificates of {@code pem}. */
  public static SSLContext withExtra(Path pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) store.setCertificateEntry("jdk-" + i++, ca);
      for (X509Certificate ca : read(pem)) store.setCertificateEntry("extra-" + i++, ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot trust the certificates of " + pem + ": " + e.getMessage(), e);
    }
  }

  private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("the JDK has no X509TrustManager");
  }
}
