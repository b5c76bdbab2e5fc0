package dev.sidekick.runtime.responder.llm;

import dev.sidekick.runtime.responder.text.Languages;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a model's answer passes before a customer sees it, against what it was given (the retrieved entries'
 * answers): not longer than allowed; no link, web address or e-mail address that is not in them; no amount of
 * money that is not in them; in the customer's language. An answer that fails one is not sent: the customer is
 * handed off, and the agent's note says which check failed.
 */
public final class AnswerCheck {
  // http(s) links, www. addresses, host/path addresses and e-mail addresses.
  private static final Pattern LINK =
      Pattern.compile("(?i)\\b(?:https?://[^\\s<>\"')\\]]+|www\\.[^\\s<>\"')\\]]+|[a-z0-9.-]+\\.[a-z]{2,}/[^\\s<>\"')\\]]*"
          + "|[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,})");
  // $12, $12.50, €5, £3.99, 12 USD, 12.50 dollars, 5 euros.
  private static final Pattern MONEY =
      Pattern.compile("(?i)(?:[$€£]\\s?(\\d{1,3}(?:,\\d{3})*(?:\\.\\d{1,2})?|\\d+(?:\\.\\d{1,2})?))"
          + "|(?:(\\d+(?:\\.\\d{1,2})?)\\s?(?:usd|dollars?|eur|euros?|gbp|pounds?)\\b)");
  private static final String TRAILING = ".,;:!?";

  private AnswerCheck() {}

  /** Why the answer must not be sent, if it must not. */
  public static Optional<String> problem(String answer, String grounding, String customerMessage, Set<String> served, int maxLength) {
    if (answer.length() > maxLength) {
      return Optional.of("the answer is longer than " + maxLength + " characters");
    }
    Set<String> known = links(grounding);
    for (String link : links(answer)) {
      if (!known.contains(link)) {
        return Optional.of("the answer has an address that is not in the knowledge base (" + link + ")");
      }
    }
    Set<BigDecimal> amounts = amounts(grounding);
    for (BigDecimal amount : amounts(answer)) {
      if (!amounts.contains(amount)) {
        return Optional.of("the answer has an amount that is not in the knowledge base (" + amount.toPlainString() + ")");
      }
    }
    Optional<String> answerLanguage = Languages.detect(answer);
    Optional<String> customerLanguage = Languages.detect(customerMessage);
    if (answerLanguage.isPresent()) {
      String said = answerLanguage.get();
      boolean fits = customerLanguage.map(said::equals).orElse(served.isEmpty() || served.contains(said));
      if (!fits) {
        return Optional.of("the answer is in " + said + ", the customer writes in "
            + customerLanguage.orElse(String.join(" or ", served)));
      }
    }
    return Optional.empty();
  }

  static Set<String> links(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String link = m.group().toLowerCase(Locale.ROOT);
      while (!link.isEmpty() && TRAILING.indexOf(link.charAt(link.length() - 1)) >= 0) {
        link = link.substring(0, link.length() - 1);
      }
      out.add(link.replaceFirst("^https?://", "").replaceFirst("^www\\.", ""));
    }
    return out;
  }

  static Set<BigDecimal> amounts(String text) {
    Set<BigDecimal> out = new HashSet<>();
    Matcher m = MONEY.matcher(text);
    while (m.find()) {
      String number = (m.group(1) != null ? m.group(1) : m.group(2)).replace(",", "");
      out.add(new BigDecimal(number).stripTrailingZeros());
    }
    return out;
  }
}
