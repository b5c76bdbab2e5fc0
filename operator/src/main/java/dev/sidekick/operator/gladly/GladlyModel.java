package dev.sidekick.operator.gladly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The few Gladly objects the operator reads and writes (API.md §1–2, openapi.json). */
public final class GladlyModel {
  private GladlyModel() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Organization(String id, String name, String gladlyUrl) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Agent(String id, String name, String emailAddress) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Inbox(String id, String name, Boolean disabled) {
    public boolean isDisabled() {
      return Boolean.TRUE.equals(disabled);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Webhook(
      String id,
      String name,
      String url,
      List<String> events,
      Boolean enabled,
      List<String> headerKeys,
      Boolean hasCredentials,
      String disabledAtDueToRetryLimit,
      String createdAt,
      String updatedAt) {
    public boolean isEnabled() {
      return Boolean.TRUE.equals(enabled);
    }
  }

  /** A create or partial-update body. Header values are write-only in Gladly. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebhookWrite(
      String name, String url, List<String> events, Boolean enabled, Map<String, String> headers) {
    public static WebhookWrite enabledOnly(boolean enabled) {
      return new WebhookWrite(null, null, null, enabled, null);
    }

    /** Safe for logs and events: no header values. */
    @Override
    public String toString() {
      return "WebhookWrite[name=" + name + ", url=" + url + ", events=" + events + ", enabled=" + enabled
          + ", headerKeys=" + (headers == null ? null : headers.keySet()) + "]";
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ErrorBody(List<Error> errors) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Error(String attr, String code, String detail) {}
}
