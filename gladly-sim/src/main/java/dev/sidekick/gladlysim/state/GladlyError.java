package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A refusal in Gladly's words: an HTTP status and the {"errors":[{attr,code,detail,meta}]} body. */
public final class GladlyError extends RuntimeException {
  public record Item(String attr, String code, String detail) {}

  private final int status;
  private final List<Item> errors;
  private final boolean emptyBody;

  private GladlyError(int status, List<Item> errors, boolean emptyBody) {
    super(status + " " + errors);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.emptyBody = emptyBody;
  }

  public static GladlyError of(int status, String attr, String code, String detail) {
    return new GladlyError(status, List.of(new Item(attr, code, detail)), false);
  }

  public static GladlyError badRequest(String attr, String code, String detail) {
    return of(400, attr, code, detail);
  }

  public static GladlyError notExist(String detail) {
    return of(404, null, "not_exist", detail);
  }

  /** Some of Gladly's 404s are documented without a body. */
  public static GladlyError notFoundNoBody() {
    return new GladlyError(404, List.of(), true);
  }

  public static GladlyError many(int status, List<Item> errors) {
    return new GladlyError(status, errors, false);
  }

  public int status() {
    return status;
  }

  public List<Item> errors() {
    return errors;
  }

  public boolean emptyBody() {
    return emptyBody;
  }

  public ObjectNode body() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("errors");
    for (Item e : errors) {
      ObjectNode o = list.addObject();
      if (e.attr() != null) o.put("attr", e.attr());
      if (e.code() != null) o.put("code", e.code());
      if (e.detail() != null) o.put("detail", e.detail());
    }
    return body;
  }

  /** Collects several field errors and throws them together, as Gladly reports them. */
  public static final class Collector {
    private final List<Item> items = new ArrayList<>();

    public Collector add(String attr, String code, String detail) {
      items.add(new Item(attr, code, detail));
      return this;
    }

    public void throwIfAny() {
      if (!items.isEmpty()) throw many(400, items);
    }
  }
}
