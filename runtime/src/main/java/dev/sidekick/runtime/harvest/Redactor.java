package dev.sidekick.runtime.harvest;

import dev.sidekick.runtime.gladly.GladlyModel.Customer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a customer's contact details out of a text before it goes into a draft file: the customer's own name, e-mail
 * addresses and phone numbers as their Gladly profile holds them, then anything that looks like an e-mail address
 * ({@code [email]}), an order number ({@code #1234}, {@code order 55120} → {@code #[order]}, {@code order [order]}) or a
 * phone number (7 or more digits, with spaces, dots, dashes, brackets or a leading +; an ISO date is not one).
 */
final class Redactor {
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");
  private static final Pattern HASH_ORDER = Pattern.compile("#\\s?\\d{3,}");
  private static final Pattern WORD_ORDER =
      Pattern.compile("(?i)\\b(order(?:\\s+(?:number|no\\.?|nr\\.?|id))?\\s*:?\\s*)\\d{3,}\\b");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w#])\\+?\\(?\\d[\\d\\s().-]{5,}\\d(?!\\w)");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final int PHONE_DIGITS = 7;

  private final List<String> known;

  private Redactor(List<String> known) {
    this.known = known;
  }

  /** For a customer's messages: their profile's name (each part of it), e-mails and phone numbers, longest first. */
  static Redactor forCustomer(Optional<Customer> customer) {
    List<String> known = new ArrayList<>();
    customer.ifPresent(c -> {
      known.addAll(c.emails());
      known.addAll(c.phones());
      for (String part : c.name().split("\\s+")) {
        if (part.length() >= 2) {
          known.add(part);
        }
      }
    });
    known.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(known);
  }

  String redact(String text) {
    String out = text;
    for (String value : known) {
      boolean name = value.chars().allMatch(Character::isLetter);
      String placeholder = name ? "[name]" : value.contains("@") ? "[email]" : "[phone]";
      String pattern = name ? "(?iu)\\b" + Pattern.quote(value) + "\\b" : "(?i)" + Pattern.quote(value);
      out = out.replaceAll(pattern, Matcher.quoteReplacement(placeholder));
    }
    out = EMAIL.matcher(out).replaceAll("[email]");
    out = HASH_ORDER.matcher(out).replaceAll("#[order]");
    out = WORD_ORDER.matcher(out).replaceAll("$1[order]");
    return PHONE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(phoneOrNot(m.group())));
  }

  private static String phoneOrNot(String match) {
    long digits = match.chars().filter(Character::isDigit).count();
    return digits >= PHONE_DIGITS && !ISO_DATE.matcher(match).find() ? "[phone]" : match;
  }
}
