package dev.sidekick.runtime.commerce;

import java.time.ZoneId;
import java.util.List;

/** What a backend answered: the orders found (maybe none), or why it could not look them up. */
public sealed interface Lookup {

  /** The orders the query found, newest first, and the shop's time zone for dates. Not yet verified. */
  record Found(List<Order> orders, ZoneId zone) implements Lookup {
    public Found {
      orders = List.copyOf(orders);
    }
  }

  /** The backend could not answer in time or at all: the conversation goes to a person. */
  record Failed(Failure failure) implements Lookup {}

  /** Why a lookup failed, in words fit for the note to the agent (nothing about the customer or the order). */
  enum Failure {
    SLOW("the shop did not answer in time"),
    THROTTLED("the shop's API rate limit was reached"),
    DOWN("the shop's API failed"),
    REFUSED("the shop refused Sidekick's request (credentials, permissions or the shop's state)");

    private final String description;

    Failure(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }
}
