package dev.sidekick.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.operator.gladly.GladlyModel.Inbox;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxResolutionTest {
  static final List<Inbox> GLADLY =
      List.of(
          new Inbox("id-support", "Support", false),
          new Inbox("id-returns", "Returns", null),
          new Inbox("id-old", "Old Queue", true),
          new Inbox("id-vip-1", "VIP", false),
          new Inbox("id-vip-2", "VIP", false));

  @Test
  void each_name_maps_to_exactly_one_enabled_inbox() {
    var r = InboxResolution.resolve(List.of("Support", "Returns"), GLADLY);
    assertThat(r.problems()).isEmpty();
    assertThat(r.ids()).containsEntry("Support", "id-support").containsEntry("Returns", "id-returns");
  }

  @Test
  void missing_disabled_and_ambiguous_inboxes_are_named() {
    var r = InboxResolution.resolve(List.of("Support", "Nowhere", "Old Queue", "VIP"), GLADLY);
    assertThat(r.reason()).isEqualTo("InboxNotFound");
    assertThat(r.problems())
        .containsExactly(
            "inbox \"Nowhere\" not found",
            "inbox \"Old Queue\" is disabled",
            "inbox \"VIP\" is ambiguous: 2 enabled inboxes have that name");
    assertThat(r.ids()).containsOnlyKeys("Support");
  }
}
