package dev.sidekick.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One company's Sidekick: a runtime and the Gladly webhooks that feed it, set up from one resource.
 */
@Group(SidekickIntegration.GROUP)
@Version(SidekickIntegration.VERSION)
@ShortNames("sk")
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Endpoints",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.endpointCount")
@AdditionalPrinterColumn(
    name = "Mode",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.mode")
@AdditionalPrinterColumn(
    name = "Webhooks",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.webhookCount")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class SidekickIntegration extends CustomResource<SidekickIntegrationSpec, SidekickIntegrationStatus>
    implements Namespaced {
  public static final String GROUP = "sidekick.dev";
  public static final String VERSION = "v1alpha1";

  /** Annotation whose new value asks for fresh webhook keys (any value, e.g. a timestamp). */
  public static final String ROTATE_KEYS_ANNOTATION = "sidekick.dev/rotate-keys";
}
