package dev.sidekick.gladlysim.api;

import java.util.Set;

/** The webhook event types Gladly accepts in a webhook's {@code events}: the enum of openapi.json (2025 revision). */
public final class WebhookEvents {
  /** Deprecated by Gladly and absent from the 2025 enum; accepted unless {@code acceptLegacyMessageReceived(false)}. */
  public static final String LEGACY_MESSAGE_RECEIVED = "MESSAGE/RECEIVED";

  public static final Set<String> DOCUMENTED =
      Set.of(
          "AGENT_AVAILABILITY/FOCUS_ENTERED",
          "AGENT_AVAILABILITY/FOCUS_EXITED",
          "AGENT_AVAILABILITY/UPDATED",
          "AGENT_STATUS/CHANGED_ACTIVE_REASON",
          "AGENT_STATUS/LOGGED_IN",
          "AGENT_STATUS/LOGGED_OUT",
          "AGENT_STATUS/RETURNED_FROM_AWAY",
          "AGENT_STATUS/WENT_AWAY",
          "AUTOMATION/MESSAGE_RECEIVED",
          "AUTOMATION/MESSAGE_SENT",
          "CONTACT/ENDED",
          "CONTACT/FULFILLED",
          "CONTACT/HOLD_ENDED",
          "CONTACT/HOLD_STARTED",
          "CONTACT/JOINED",
          "CONTACT/MESSAGE_RECEIVED",
          "CONTACT/MESSAGE_SENT",
          "CONTACT/OFFER_ACCEPTED",
          "CONTACT/OFFERED",
          "CONTACT/OFFER_REJECTED",
          "CONTACT/STARTED",
          "CONTACT/TRANSFERRED",
          "CONVERSATION/CLOSED",
          "CONVERSATION/CREATED",
          "CONVERSATION/CUSTOM_ATTRIBUTE_ADDED",
          "CONVERSATION/CUSTOM_ATTRIBUTE_REMOVED",
          "CONVERSATION/NOTE_CREATED",
          "CONVERSATION/REOPENED",
          "CONVERSATION/TOPIC_ADDED",
          "CONVERSATION/TOPIC_REMOVED",
          "CONVERSATION_ASSIGNEE/UPDATED",
          "CONVERSATION_STATUS/UPDATED",
          "CUSTOM_CHANNEL/MESSAGE_SENT",
          "CUSTOMER/MERGED",
          "CUSTOMER_PROFILE/CREATED",
          "CUSTOMER_PROFILE/DELETED",
          "CUSTOMER_PROFILE/MERGED (deprecated)",
          "CUSTOMER_PROFILE/UPDATED",
          "EXPORT_JOB/COMPLETED",
          "EXPORT_JOB/FAILED",
          "PAYMENT_REQUEST/CREATED",
          "PAYMENT_REQUEST/STATUS_CHANGED",
          "PAYMENT_REQUEST/VIEWED",
          "TASK/ASSIGNEE_UPDATED",
          "TASK/CLOSED",
          "TASK/COMMENT_ADDED",
          "TASK/CONTENT_UPDATED",
          "TASK/CREATED",
          "TASK/DUE_DATE_UPDATED",
          "TASK/FOLLOWER_ADDED",
          "TASK/FOLLOWER_REMOVED",
          "TASK/REOPENED");

  private WebhookEvents() {}
}
