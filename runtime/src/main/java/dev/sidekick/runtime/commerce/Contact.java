package dev.sidekick.runtime.commerce;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the customer can be reached, as Gladly knows them (the conversation's customer email or phone). An order is the
 * customer's when one of its contacts equals one of these: emails compared case-insensitively, phones by their digits.
 * {@link #toString()} shows nothing of the values.
 */
public final class Contact {
  private static final Pattern EMAIL = Pattern.compile("[^\\s\"'\\\\<>()]+@[^\\s\"'\\\\<>()]+\\.[^\\s\"'\\\\<>()]+");
  private final Optional<String> email;
  private final Optional<String> phone;

  private Contact(Optional<String> email, Optional<String> phone) {
    this.email = email;
    this.phone = phone;
  }

  /** A contact from Gladly's customer; values that are not a plausible email or phone are dropped. */
  public static Contact of(Optional<String> email, Optional<String> phone) {
    return new Contact(email.map(Contact::email).flatMap(Optional::ofNullable), phone.map(Contact::phone).flatMap(Optional::ofNullable));
  }

  public static Contact none() {
    return new Contact(Optional.empty(), Optional.empty());
  }

  /** The email in lower case, or null when it is not one (no spaces, quotes or brackets: safe in a search term). */
  static String email(String value) {
    String e = value.trim().toLowerCase(Locale.ROOT);
    return EMAIL.matcher(e).matches() ? e : null;
  }

  /** {@code +} and digits, or null when fewer than 7 digits remain. */
  static String phone(String value) {
    String digits = value.replaceAll("[^0-9]", "");
    return digits.length() < 7 ? null : "+" + digits;
  }

  public Optional<String> email() {
    return email;
  }

  public Optional<String> phone() {
    return phone;
  }

  public boolean isEmpty() {
    return email.isEmpty() && phone.isEmpty();
  }

  /** Whether one of the order's contacts is this customer's. */
  public boolean owns(Order order) {
    for (String c : order.contacts()) {
      if (email.isPresent() && email.get().equals(email(c))) return true;
      if (phone.isPresent() && samePhone(phone.get(), phone(c))) return true;
    }
    return false;
  }

  /** The same digits, or the same national number with and without a country code ("+16135550101", "(613) 555-0101"). */
  private static boolean samePhone(String a, String b) {
    if (b == null) return false;
    String x = a.substring(1);
    String y = b.substring(1);
    if (x.equals(y)) return true;
    String longer = x.length() > y.length() ? x : y;
    String shorter = longer == x ? y : x;
    return shorter.length() >= 9 && longer.length() - shorter.length() <= 3 && longer.endsWith(shorter);
  }

  @Override
  public String toString() {
    return "Contact[" + (email.isPresent() ? "email" : "") + (phone.isPresent() ? " phone" : "") + "]";
  }
}
