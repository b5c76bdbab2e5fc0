package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.SidekickIntegrationStatus.InboxRef;
import dev.sidekick.operator.gladly.GladlyModel.Inbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inbox names resolved to ids: each must match exactly one enabled Gladly inbox. */
record InboxResolution(List<InboxRef> resolved, Map<String, String> ids, List<String> problems, String reason) {

  static InboxResolution resolve(List<String> names, List<Inbox> inboxes) {
    List<InboxRef> resolved = new ArrayList<>();
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String reason = null;
    for (String name : names) {
      List<Inbox> matches = inboxes.stream().filter(i -> name.equals(i.name())).toList();
      List<Inbox> enabled = matches.stream().filter(i -> !i.isDisabled()).toList();
      if (matches.isEmpty()) {
        problems.add("inbox \"" + name + "\" not found");
        reason = reason == null ? Reason.INBOX_NOT_FOUND : reason;
      } else if (enabled.isEmpty()) {
        problems.add("inbox \"" + name + "\" is disabled");
        reason = reason == null ? Reason.INBOX_DISABLED : reason;
      } else if (enabled.size() > 1) {
        problems.add("inbox \"" + name + "\" is ambiguous: " + enabled.size() + " enabled inboxes have that name");
        reason = reason == null ? Reason.INBOX_AMBIGUOUS : reason;
      } else {
        resolved.add(new InboxRef(name, enabled.get(0).id()));
        ids.put(name, enabled.get(0).id());
      }
    }
    return new InboxResolution(resolved, ids, problems, reason);
  }
}
