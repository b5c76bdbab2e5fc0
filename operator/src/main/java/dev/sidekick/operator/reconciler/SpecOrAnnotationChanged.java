package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.SidekickIntegration;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Reconcile on a spec change, a new rotate-keys request, or deletion; not on the operator's own status
 * patches.
 */
public class SpecOrAnnotationChanged implements OnUpdateFilter<SidekickIntegration> {
  @Override
  public boolean accept(SidekickIntegration now, SidekickIntegration before) {
    var n = now.getMetadata();
    var b = before.getMetadata();
    return !Objects.equals(n.getGeneration(), b.getGeneration())
        || !Objects.equals(rotate(now), rotate(before))
        || !Objects.equals(n.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !Objects.equals(n.getFinalizers(), b.getFinalizers());
  }

  private static String rotate(SidekickIntegration sk) {
    var a = sk.getMetadata().getAnnotations();
    return a == null ? null : a.get(SidekickIntegration.ROTATE_KEYS_ANNOTATION);
  }
}
