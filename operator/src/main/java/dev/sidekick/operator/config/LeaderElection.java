package dev.sidekick.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * Leader election through a Lease, so that several operator replicas never reconcile at once. QOSDK turns
 * it on in the profiles of quarkus.operator-sdk.activate-leader-election-for-profiles (default: prod).
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {
  /** The Lease's name, in the operator's namespace. */
  public static final String LEASE_NAME = "sidekick-operator-leader";

  public LeaderElection() {
    super(LEASE_NAME, null, LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE, RETRY_PERIOD_DEFAULT_VALUE, null, null, true);
  }
}
