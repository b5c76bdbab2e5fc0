package dev.sidekick.runtime.responder.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a customer's message as an agent reads an e-mail: what was quoted from earlier messages, the signature, the
 * sign-off, disclaimers and the greeting are not what the customer asks, and drown it (a job title such as "Operations
 * Manager" would even read as a request for a manager). What is left is the {@link Segments#body()}, cut into sentences,
 * with the sentences that ask something found among them. A chat line passes through unchanged but for a leading
 * greeting ("hi, where is my order?"). When nothing would be left (a message that is only a greeting or a thank-you),
 * the body is the message as written, so that the triage still sees it.
 */
public final class Segmenter {
  // The header of a quoted earlier message: everything from it on was written before.
  private static final Pattern QUOTE_HEADER = Pattern.compile(
      "(?im)^[ \\t]*(?:"
          + "On\\b[^\\n]{0,300}?(?:\\n[^\\n]{0,200}?)?\\bwrote:[ \\t]*$"            // On Mon, 3 Mar 2026, Support <a@b> wrote:
          + "|Le\\b[^\\n]{0,300}?a écrit ?:[ \\t]*$|Am\\b[^\\n]{0,300}?schrieb[^\\n]{0,100}:[ \\t]*$"
          + "|-{2,}[ \\t]*(?:Original Message|Forwarded message|Begin forwarded message)[ \\t]*-{0,}[ \\t]*$"
          + "|Begin forwarded message:[ \\t]*$"
          + "|_{8,}[ \\t]*$"                                                            // Outlook's rule above the quoted mail
          + "|From:[ \\t][^\\n]*\\n(?:[ \\t]*(?:Sent|Date|To|Cc|Subject):[^\\n]*\\n?){1,4}"
          + ")");
  private static final Pattern QUOTED_LINE = Pattern.compile("^[ \\t]*>");
  // The signature's own delimiter, and the lines mail apps add.
  private static final Pattern SIGNATURE = Pattern.compile(
      "(?i)^(?:--[ \\t]*|__+[ \\t]*|Sent from my [^\\n]*|Sent from (?:Mail|Outlook|Yahoo|Gmail)[^\\n]*"
          + "|Get Outlook for [^\\n]*|Sent via [^\\n]*|Sent using [^\\n]*)$");
  // A sign-off alone on its line: from there on, a name, a title, a company, a phone number.
  private static final Pattern SIGN_OFF = Pattern.compile(
      "(?i)^(?:(?:many |kind |warm |best |warmest |with |all the )?(?:thanks|thank you|regards|wishes|best)\\b[^\\n.?!]{0,40}"
          + "|cheers|sincerely|yours(?: sincerely| faithfully| truly)?|respectfully|thx|ta|take care|br|mvh|xx+|x)"
          + "[ \\t]*[,.!]*(?:[ \\t]*-+ ?\\p{L}[^\\n]{0,40})?$");
  // A line of a signature block: a name, a title, a company, a phone number, an address of the web or of e-mail.
  private static final Pattern SIGNATURE_LINE = Pattern.compile(
      "^(?:[+(]?[0-9][0-9 ()./-]{6,}|\\S+@\\S+|(?:https?://|www\\.)\\S+|(?i:tel|phone|mobile|mob|cell|fax|m|t|e|w)[.:]\\s*\\S[^\\n]*"
          + "|(?:\\p{Lu}[\\p{L}.'&-]*|&|of|and|the|at|for|[0-9]+)(?:[ ,|/-]+(?:\\p{Lu}[\\p{L}.'&-]*|&|of|and|the|at|for|[0-9()+-]+))"
          + "{0,6}[ .,]*)$");
  // Paragraphs that only the sender's mail system wrote.
  private static final Pattern DISCLAIMER = Pattern.compile(
      "(?is).*(?:\\bconfidential\\b.*\\bintended\\b|\\bintended (?:only )?for the (?:named |sole )?(?:recipient|addressee)"
          + "|if you (?:are not|have received this)[^.]{0,80}(?:intended recipient|in error)|please consider the environment"
          + "|this (?:e-?mail|message)[^.]{0,60}(?:may contain|is intended|and any attachments)|privileged (?:and|or) confidential).*");
  // A greeting opening the message, up to its comma or line end ("Hi Brightwire team," "Dear Sir or Madam,").
  private static final Pattern GREETING = Pattern.compile(
      "(?i)^[ \\t]*(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|greetings|howdy|hallo|to whom it may concern)"
          + "\\b[^\\n,.!?:]{0,40}(?:[,.!:]+|\\n|$)");
  // Pleasantries that ask nothing ("I hope this email finds you well.").
  private static final Pattern PLEASANTRY = Pattern.compile(
      "(?i)^(?:i )?hope (?:this|that|you|all|everyone|your)[^.!?\\n]{0,60}[.!]?$|^(?:thanks|thank you)(?: so much| very much)?"
          + " (?:in advance|for (?:your|the) (?:help|time|assistance|support|attention))[^.!?\\n]{0,40}[.!]?$");
  private static final Pattern PARAGRAPH = Pattern.compile("\\n[ \\t]*\\n");
  // At a full stop, question or exclamation mark followed by a space, or a line break; not inside "e.g." or a price.
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])(?<!\\b(?:e\\.g|i\\.e|etc|Mr|Mrs|Ms|Dr|St|No)\\.)\\s+|\\s*\\n\\s*");
  private static final Pattern ASKS = Pattern.compile(
      "(?i)\\?|^(?:can|could|would|will|do|does|did|is|are|was|have|has|how|what|when|where|which|why|who|should|may)\\b"
          + "|\\b(?:can|could|would) (?:you|i|we|someone)\\b|\\bis (?:it|there) (?:possible|a way)\\b|\\bplease\\b"
          + "|\\b(?:i|we)(?:'d| would) (?:like|love) to\\b|\\b(?:i|we) (?:want|need|wish) to\\b|\\b(?:let me know|tell me|wondering"
          + "|wonder if|advise|help me|looking for|trying to)\\b");
  private static final int SIGNATURE_MAX_LINES = 12;
  // An e-mail's subject line (the runtime puts it first) that answers a thread: "Re: Hours", "AW: ...", "SV: ..."
  private static final Pattern REPLY_SUBJECT = Pattern.compile("(?i)^[ \\t]*(?:re|aw|sv|antw)[ \\t]*:[^\\n]*\\n");

  private Segmenter() {}

  /**
   * What the customer wrote now, without the subject line of a reply in a thread: "Re: Hours" names the thread's first
   * topic, not what this message says ("Thanks, that's all!" is a goodbye, not a question about the hours). Triage
   * reads the message without it; the classifier keeps it, which gives a short follow-up its context.
   */
  public static String withoutReplySubject(String message) {
    java.util.regex.Matcher m = REPLY_SUBJECT.matcher(message);
    if (!m.lookingAt()) {
      return message;
    }
    String rest = message.substring(m.end());
    return Words.plain(rest).isEmpty() ? message : rest.strip();
  }

  /** The message read as an agent would. */
  public static Segments of(String message) {
    String text = message.replace("\r\n", "\n").replace('\r', '\n').strip();
    String body = text;
    java.util.regex.Matcher quote = QUOTE_HEADER.matcher(body);
    if (quote.find()) {
      String before = body.substring(0, quote.start());
      // a forward with nothing of one's own above it: the forwarded message is what is asked
      body = Words.plain(withoutGreetingAndSignOff(before)).size() >= 3 ? before : unquoted(body.substring(quote.end()));
    }
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      if (!QUOTED_LINE.matcher(line).find()) {
        lines.add(line);
      }
    }
    body = withoutGreetingAndSignOff(String.join("\n", lines));
    List<String> paragraphs = new ArrayList<>();
    for (String p : PARAGRAPH.split(body)) {
      if (!p.isBlank() && !DISCLAIMER.matcher(p).matches()) {
        paragraphs.add(p.strip());
      }
    }
    body = String.join("\n\n", paragraphs);
    List<String> sentences = new ArrayList<>();
    for (String s : SENTENCE_END.split(body)) {
      String t = s.strip();
      if (!t.isEmpty() && !PLEASANTRY.matcher(t).matches() && !Words.plain(t).isEmpty()) {
        sentences.add(t);
      }
    }
    if (sentences.isEmpty()) {
      return new Segments(text, List.of(text), List.of());
    }
    List<String> asking = sentences.stream().filter(s -> ASKS.matcher(s).find()).toList();
    return new Segments(String.join(" ", sentences), List.copyOf(sentences), asking);
  }

  /** Without the greeting line that opens it and without what follows a sign-off or a signature delimiter. */
  private static String withoutGreetingAndSignOff(String text) {
    String t = text.strip();
    java.util.regex.Matcher g = GREETING.matcher(t);
    if (g.find()) {
      t = t.substring(g.end()).strip();
    }
    String[] lines = t.split("\n", -1);
    int end = lines.length;
    // a signature block without a sign-off: trailing lines of names, titles, companies and numbers under the text
    while (end > 1 && (lines[end - 1].isBlank() || SIGNATURE_LINE.matcher(lines[end - 1].strip()).matches())) {
      end--;
    }
    if (end < lines.length && end > 0 && lines.length - end <= SIGNATURE_MAX_LINES) {
      lines = java.util.Arrays.copyOfRange(lines, 0, end);
    }
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      boolean signature = SIGNATURE.matcher(line).matches();
      // a sign-off is one only near the end (a name, a title, a company and a phone number may follow it)
      boolean signOff = SIGN_OFF.matcher(line).matches() && lines.length - i <= SIGNATURE_MAX_LINES && i > 0;
      if (signature || signOff) {
        return String.join("\n", java.util.Arrays.copyOfRange(lines, 0, i)).strip();
      }
    }
    return String.join("\n", lines).strip();
  }

  /** A quoted or forwarded message without its "> " marks and its own header lines. */
  private static String unquoted(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String l = line.replaceFirst("^[ \\t]*(?:>[ \\t]?)+", "");
      if (!l.matches("(?i)^(?:From|Sent|Date|To|Cc|Subject):.*")) {
        out.append(l).append('\n');
      }
    }
    return out.toString().strip();
  }
}
