package dev.sidekick.runtime.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON body of every webhook answer, e.g. {@code {"outcome":"answered"}}. Never holds a secret. */
@RegisterForReflection
public record WebhookAnswer(String outcome, String detail) {}
