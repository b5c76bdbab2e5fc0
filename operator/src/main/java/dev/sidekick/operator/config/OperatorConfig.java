package dev.sidekick.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The operator's own settings (application.properties or SIDEKICK_* environment variables). */
@ConfigMapping(prefix = "sidekick")
public interface OperatorConfig {
  Runtime runtime();

  Gladly gladly();

  Reconcile reconcile();

  Shopify shopify();

  NetworkPolicy networkPolicy();

  interface Runtime {
    /** Image of the runtime Deployment unless a resource sets spec.runtime.image. */
    @WithDefault("ghcr.io/sidekick-for-gladly/sidekick-runtime:0.1.0")
    String image();

    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /**
     * Where the operator reads a runtime's readiness (its check of the knowledge bases' examples): {service},
     * {namespace} and {port} are the runtime Service's.
     */
    @WithDefault("http://{service}.{namespace}.svc:{port}/q/health/ready")
    String readinessUrl();

    /** Connect and answer timeout of that read. */
    @WithDefault("2s")
    Duration readinessTimeout();
  }

  interface Gladly {
    /** An extra trusted certificate (PEM, may hold several) for organizations behind a private CA. */
    Optional<String> trustedCaFile();

    /** Timeout of one Gladly call (connect + response). */
    @WithDefault("10s")
    Duration callTimeout();

    /** Gladly's budget per organization and HTTP method (API.md §1.3). */
    @WithDefault("10")
    int requestsPerSecond();

    /**
     * Reconciles in a row that may meet a 429, a 5xx or an unreachable Gladly before the failure is reported
     * in status; each retry is a rescheduled reconcile (never a sleep on the reconcile thread).
     */
    @WithDefault("4")
    int maxAttempts();

    /** Delay before the first of those retries (unless Gladly's Retry-After is longer); doubled each time, with jitter. */
    @WithDefault("200ms")
    Duration backoff();
  }

  interface NetworkPolicy {
    /**
     * The namespace the operator's pods run in (application.properties: KUBERNETES_NAMESPACE, which the chart sets):
     * a runtime's NetworkPolicy lets those pods read the runtime's readiness. None: no such rule (the operator runs
     * outside the cluster).
     */
    Optional<String> operatorNamespace();
  }

  interface Shopify {
    /** Timeout of the probe of a shop's Admin API (connect + response) that checks an endpoint's commerce backend. */
    @WithDefault("10s")
    Duration callTimeout();

    /** How long a shop's answer that a token works is believed before the shop is asked again. */
    @WithDefault("10m")
    Duration recheckInterval();

    /** How long a problem a shop reported (a wrong token, a missing scope) stands before the shop is asked again. */
    @WithDefault("1m")
    Duration problemRecheckInterval();
  }

  interface Reconcile {
    /** How often a resource is reconciled without any change, to correct drift in Gladly. */
    @WithDefault("5m")
    Duration resyncInterval();

    /** First delay after an invalid spec or a Gladly failure; doubled each time up to the resync interval. */
    @WithDefault("10s")
    Duration errorBackoff();

    /** How soon to look again while something is still converging (runtime rolling, key rotation). */
    @WithDefault("5s")
    Duration progressInterval();

    /** Deletion attempts against a failing Gladly before the finalizer is released anyway. */
    @WithDefault("5")
    int deletionMaxAttempts();

    @WithDefault("5s")
    Duration deletionRetryInterval();
  }
}
