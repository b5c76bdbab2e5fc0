package dev.sidekick.shopsim.state;

/** A customer of the shop; email and phone may be absent. */
public record Customer(long legacyId, String key, String displayName, String email, String phone) {
  public String gid() {
    return "gid://shopify/Customer/" + legacyId;
  }
}
