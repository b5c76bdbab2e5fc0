package dev.sidekick.runtime.commerce;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer wrote to prove an order is theirs: its number, and the email or postal code on it ("#1001,
 * jane@example.com", "order 1001 zip 94110"). Read from free text; anything not found is empty.
 * {@link #toString()} shows nothing of the values.
 */
public final class OrderClaim {
  private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>(),;]+@[^\\s\"'<>(),;]+\\.[a-zA-Z]{2,}");
  private static final Pattern LABELLED_POSTAL = Pattern.compile(
      "(?i)\\b(?:zip(?:\\s*code)?|postal\\s*code|post\\s*code|postcode)\\s*(?:is|:|=)?\\s*([A-Z0-9]{2,8}(?:-\\d{4}|\\s\\d[A-Z][A-Z0-9])?)\\b");
  // Canada (K2P 2L8), UK (SW1A 1AA), US ZIP+4 (94607-1234): unambiguous without a label
  private static final Pattern SHAPED_POSTAL = Pattern.compile(
      "(?i)\\b([A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}|\\d{5}-\\d{4})\\b");
  private static final Pattern LABELLED_NUMBER = Pattern.compile("(?i)(?:#\\s*|\\border\\s*(?:number|no\\.?|num)?\\s*(?:is|:)?\\s*#?\\s*)(\\d{3,12})\\b");
  private static final Pattern DIGITS = Pattern.compile("\\b(\\d{3,12})\\b");

  private final Optional<String> orderNumber;
  private final Optional<String> email;
  private final Optional<String> postalCode;
  private final String rest;

  private OrderClaim(Optional<String> orderNumber, Optional<String> email, Optional<String> postalCode, String rest) {
    this.orderNumber = orderNumber;
    this.email = email;
    this.postalCode = postalCode;
    this.rest = rest;
  }

  public static OrderClaim of(Optional<String> orderNumber, Optional<String> email, Optional<String> postalCode) {
    return of(orderNumber, email, postalCode, "");
  }

  private static OrderClaim of(Optional<String> orderNumber, Optional<String> email, Optional<String> postalCode, String rest) {
    return new OrderClaim(orderNumber.map(n -> n.replaceAll("\\D", "")).filter(n -> !n.isEmpty()),
        email.map(Contact::email).flatMap(Optional::ofNullable), postalCode.map(OrderClaim::postal).filter(p -> !p.isEmpty()),
        rest);
  }

  public static OrderClaim none() {
    return of(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Reads the number, email and postal code from a customer's message. */
  public static OrderClaim read(String message) {
    String rest = message == null ? "" : message;
    Optional<String> email = Optional.empty();
    Matcher e = EMAIL.matcher(rest);
    if (e.find()) {
      email = Optional.of(e.group());
      rest = rest.substring(0, e.start()) + " " + rest.substring(e.end());
    }
    Optional<String> postal = Optional.empty();
    Matcher p = LABELLED_POSTAL.matcher(rest);
    if (!p.find()) p = SHAPED_POSTAL.matcher(rest);
    else p.reset();
    if (p.find()) {
      postal = Optional.of(p.group(1));
      rest = rest.substring(0, p.start()) + " " + rest.substring(p.end());
    }
    Optional<String> number = Optional.empty();
    Matcher n = LABELLED_NUMBER.matcher(rest);
    if (n.find()) {
      number = Optional.of(n.group(1));
      rest = rest.substring(0, n.start()) + " " + rest.substring(n.end());
    } else if ((n = DIGITS.matcher(rest)).find()) {
      number = Optional.of(n.group(1));
      rest = rest.substring(0, n.start()) + " " + rest.substring(n.end());
    }
    if (postal.isEmpty() && number.isPresent()) {
      // "1001 94110": the number first, then a bare US ZIP
      Matcher zip = Pattern.compile("\\b(\\d{5})\\b").matcher(rest);
      if (zip.find()) {
        postal = Optional.of(zip.group(1));
        rest = rest.substring(0, zip.start()) + " " + rest.substring(zip.end());
      }
    }
    return of(number, email, postal, rest);
  }

  /** Upper case, letters and digits only: "k2p 2l8" and "K2P2L8" are the same code. */
  static String postal(String code) {
    return code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  public Optional<String> orderNumber() {
    return orderNumber;
  }

  public Optional<String> email() {
    return email;
  }

  public Optional<String> postalCode() {
    return postalCode;
  }

  /** What the message says besides the number, the email and the postal code read from it. */
  public String rest() {
    return rest;
  }

  /** Whether the claim carries something to check besides the number. */
  public boolean hasProof() {
    return email.isPresent() || postalCode.isPresent();
  }

  /** Whether this order has the claimed number. */
  public boolean names(Order order) {
    return orderNumber.isPresent() && orderNumber.get().equals(order.name().replaceAll("\\D", ""));
  }

  /** Whether the claim proves the order: its number, and its email or its postal code (a US ZIP+4 by its first five). */
  public boolean proves(Order order) {
    if (!names(order)) return false;
    if (email.isPresent() && Contact.of(email, Optional.empty()).owns(order)) return true;
    if (postalCode.isPresent() && order.postalCode().isPresent()) {
      String theirs = postal(order.postalCode().get());
      String ours = postalCode.get();
      if (theirs.equals(ours)) return true;
      boolean usZip = theirs.matches("\\d{9}|\\d{5}") && ours.matches("\\d{9}|\\d{5}");
      return usZip && theirs.substring(0, 5).equals(ours.substring(0, 5));
    }
    return false;
  }

  @Override
  public String toString() {
    return "OrderClaim[" + (orderNumber.isPresent() ? "number" : "") + (email.isPresent() ? " email" : "")
        + (postalCode.isPresent() ? " postal code" : "") + "]";
  }
}
