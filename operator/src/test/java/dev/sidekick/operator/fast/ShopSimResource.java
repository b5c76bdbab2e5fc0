package dev.sidekick.operator.fast;

import dev.sidekick.shopsim.ShopOptions;
import dev.sidekick.shopsim.ShopSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The shop of the fast tests' commerce backends: the simulated Shopify shop (seed "acme") on a loopback port. */
public class ShopSimResource implements QuarkusTestResourceLifecycleManager {
  static volatile ShopSimulator shop;

  @Override
  public Map<String, String> start() {
    shop = ShopSimulator.start(ShopOptions.defaults().seed("acme"));
    return Map.of();
  }

  @Override
  public void stop() {
    if (shop != null) shop.close();
  }
}
