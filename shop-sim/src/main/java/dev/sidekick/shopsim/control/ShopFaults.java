package dev.sidekick.shopsim.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The injected faults, first match wins. */
public final class ShopFaults {
  private final List<ShopFault> faults = new CopyOnWriteArrayList<>();

  public ShopFaults add(ShopFault fault) {
    faults.add(fault);
    return this;
  }

  public void clear() {
    faults.clear();
  }

  public List<ShopFault> list() {
    return List.copyOf(faults);
  }

  /** The fault for this call, consuming one of its uses; null when none applies. */
  public ShopFault next() {
    for (ShopFault f : faults) if (f.consume()) return f;
    return null;
  }
}
