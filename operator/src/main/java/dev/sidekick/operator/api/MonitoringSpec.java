package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** How Prometheus finds this integration's runtime: a Prometheus Operator PodMonitor of its own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {
  @JsonPropertyDescription("A PodMonitor (monitoring.coreos.com/v1) that scrapes this integration's runtime pods"
      + " (port http, /q/metrics). Needs the Prometheus Operator's CRDs. Do not also switch on the chart's"
      + " monitoring.podMonitor for the same runtimes: every series would be scraped twice.")
  public PodMonitor podMonitor;

  public boolean podMonitorEnabled() {
    return podMonitor != null && Boolean.TRUE.equals(podMonitor.enabled);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PodMonitor {
    @Default("false")
    @JsonPropertyDescription("true: the operator creates and keeps the PodMonitor; false or unset: it deletes it.")
    public Boolean enabled;

    @JsonPropertyDescription("Labels on the PodMonitor: those your Prometheus selects PodMonitors by,"
        + " e.g. release: kube-prometheus-stack.")
    public Map<String, String> labels;

    // the Prometheus Operator's own pattern for a duration, so a typo is refused here, not by Prometheus
    @Default("30s")
    @Pattern("^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$")
    @JsonPropertyDescription("Scrape interval, e.g. 30s or 1m. Default 30s.")
    public String interval;

    public String intervalOrDefault() {
      return interval == null ? "30s" : interval;
    }
  }
}
