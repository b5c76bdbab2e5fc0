package dev.sidekick.contracttest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import dev.sidekick.operator.api.StoreSpec;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.KnowledgeBases;
import dev.sidekick.operator.dependent.RuntimeConfig;
import dev.sidekick.operator.dependent.RuntimeConfig.Mounts;
import dev.sidekick.runtime.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store behind Sentinel with TLS and ACL users, as the operator renders it from spec.runtime.store.redis and mounts
 * its Secrets: the runtime's loader takes it and reads each field and file as meant (one name per concept on both
 * sides). The rest of runtime.yaml is OperatorRuntimeContractIT's.
 */
class StoreConfigContractTest {
  @TempDir Path pod;

  @Test
  void the_runtime_loads_the_sentinel_tls_and_acl_store_the_operator_renders() throws Exception {
    SidekickIntegration sk = new SidekickIntegration();
    sk.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("support").build());
    sk.setSpec(new SidekickIntegrationSpec());
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().endpoints = List.of(new EndpointSpec("us-store", null, Channel.CHAT));
    sk.getSpec().runtime = new RuntimeSpec();
    sk.getSpec().runtime.replicas = 2;
    sk.getSpec().runtime.store = new StoreSpec();
    sk.getSpec().runtime.store.redis = Serialization.unmarshal("""
        sentinel:
          masterName: mymaster
          hosts: [sentinel-0.redis:26379, sentinel-1.redis:26379]
          database: 3
          tls: true
          credentialsSecretRef: { name: redis-sentinel, usernameKey: username }
          waitForReplicas: 2
        credentialsSecretRef: { name: redis-acl, usernameKey: username }
        caSecretRef: { name: redis-ca }
        """, StoreSpec.Redis.class);
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of(), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, Files.readString(Path.of("..", "examples", "knowledge-base.yaml"))), null);

    // the pod's file system, as the kubelet mounts the ConfigMap and the store's Secrets (under a temporary root)
    Mounts mounts = Mounts.POD.under(pod.toString());
    for (var file : RuntimeConfig.data(sk, facts, mounts).entrySet()) {
      write(mounts.configDir() + "/" + file.getKey(), file.getValue());
    }
    write(mounts.credentialsDir() + "/email", "sidekick@acme.example");
    write(mounts.credentialsDir() + "/token", "token");
    write(mounts.keysDir() + "/us-store", "webhook-key");
    write(mounts.storeUsernameFile(), "sidekick");
    write(mounts.storePasswordFile(), "data-s3cret");
    write(mounts.sentinelUsernameFile(), "watcher");
    write(mounts.sentinelPasswordFile(), "sentinel-s3cret");
    Files.createDirectories(Path.of(mounts.storeCaFile()).getParent());
    ca(Path.of(mounts.storeCaFile()));

    var store = ConfigLoader.load(Path.of(mounts.configFile())).store().orElseThrow();
    assertThat(store.url()).isEmpty();
    assertThat(store.tls()).isTrue();
    assertThat(store.usernameFile()).contains(Path.of(mounts.storeUsernameFile()));
    assertThat(store.passwordFile()).contains(Path.of(mounts.storePasswordFile()));
    assertThat(store.caFile()).contains(Path.of(mounts.storeCaFile()));
    var sentinel = store.sentinel().orElseThrow();
    assertThat(sentinel.masterName()).isEqualTo("mymaster");
    assertThat(sentinel.hosts()).containsExactly("sentinel-0.redis:26379", "sentinel-1.redis:26379");
    assertThat(sentinel.database()).isEqualTo(3);
    assertThat(sentinel.usernameFile()).contains(Path.of(mounts.sentinelUsernameFile()));
    assertThat(sentinel.passwordFile()).contains(Path.of(mounts.sentinelPasswordFile()));
    assertThat(sentinel.waitForReplicas()).isEqualTo(2);
  }

  private static void write(String file, String text) throws Exception {
    Files.createDirectories(Path.of(file).getParent());
    Files.writeString(Path.of(file), text);
  }

  /** A CA certificate (PEM), as the user's Secret holds it. */
  private static void ca(Path file) throws Exception {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        file.resolveSibling("ca.key").toString(), "-out", file.toString(), "-days", "1", "-subj", "/CN=Redis CA")
        .redirectErrorStream(true).redirectOutput(file.resolveSibling("openssl.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("openssl made the CA").isTrue();
  }
}
