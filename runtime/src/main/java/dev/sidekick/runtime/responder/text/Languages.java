package dev.sidekick.runtime.responder.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which language a customer writes in, when the text says so clearly: the script (Chinese, Japanese, Korean,
 * Cyrillic, Arabic, Hebrew, Greek, Devanagari, Thai), else the function words and letters that mark Spanish,
 * French, German, Portuguese, Italian and Dutch against English ones and English dictionary words. Unsure
 * (a name, a code, "asdfghjkl") is empty: a short message is not handed off for its language on a guess.
 */
public final class Languages {
  public static final String ENGLISH = "en";

  // Function words and greetings typical of each language; words that are also English ("a", "me", "no", "die",
  // "son", "come") are left out so that they never count against English.
  private static final Map<String, Set<String>> MARKERS = new LinkedHashMap<>();

  static {
    MARKERS.put(ENGLISH, Set.of(
        "the", "is", "are", "was", "my", "your", "you", "i", "it", "to", "of", "and", "what", "where", "when",
        "how", "why", "do", "does", "did", "can", "could", "would", "will", "have", "has", "with", "for", "this",
        "that", "not", "please", "thanks", "thank", "hello", "hi", "hey", "yet", "be", "been", "there", "an",
        "im", "dont", "cant", "order", "help", "want", "need", "get", "just", "about", "from", "we", "our"));
    MARKERS.put("es", Set.of(
        "el", "los", "las", "una", "unos", "unas", "del", "que", "por", "para", "con", "mi", "mis", "tu", "su",
        "esta", "estan", "es", "donde", "cuando", "como", "quiero", "tengo", "puedo", "pedido", "hola",
        "gracias", "buenos", "buenas", "dias", "necesito", "pero", "muy", "mas", "todavia", "ya", "yo",
        "usted", "hay", "porque", "cual", "envio", "devolver", "cuenta", "contrasena", "ayuda", "favor", "nada",
        "tambien", "aqui", "senor", "senora", "lo", "le", "les", "se", "si", "ni", "sus", "nuestro"));
    MARKERS.put("fr", Set.of(
        "le", "les", "des", "une", "du", "je", "tu", "il", "elle", "nous", "vous", "ils", "est", "sont", "mon",
        "ma", "mes", "votre", "vos", "pas", "ne", "que", "qui", "quoi", "ou", "quand", "comment", "pourquoi",
        "avec", "pour", "dans", "sur", "bonjour", "merci", "toujours", "commande", "ai", "avez", "suis", "etre",
        "oui", "non", "tres", "aussi", "mais", "cette", "ce", "ces", "au", "aux", "salut", "bonsoir", "livraison",
        "remboursement", "mot", "passe", "jai", "cest", "nai", "quel", "quelle", "recu"));
    MARKERS.put("de", Set.of(
        "der", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "ich", "du", "sie", "wir", "ihr",
        "ist", "sind", "nicht", "und", "oder", "wie", "wo", "wann", "warum", "was", "mit", "fur", "auf", "von",
        "zu", "nach", "bei", "mein", "meine", "meinen", "ihre", "ihren", "hallo", "danke", "bitte", "noch",
        "schon", "auch", "aber", "bestellung", "lieferung", "versand", "dauert", "lange", "kann", "konnen",
        "habe", "haben", "guten", "tag", "passwort", "ruckerstattung", "gibt", "es", "mich", "mir", "uns"));
    MARKERS.put("pt", Set.of(
        "o", "os", "as", "um", "uma", "do", "da", "dos", "das", "que", "para", "com", "por", "meu", "minha",
        "meus", "minhas", "seu", "sua", "esta", "estao", "onde", "quando", "como", "quero", "tenho", "posso",
        "pedido", "ola", "obrigado", "obrigada", "bom", "dia", "boa", "tarde", "noite", "preciso", "mas",
        "muito", "ainda", "ja", "eu", "voce", "nao", "sim", "senha", "esqueci", "encomenda", "entrega", "conta",
        "ajuda", "favor", "nada", "tambem", "aqui", "isso", "essa", "esse", "foi", "ser", "estou"));
    MARKERS.put("it", Set.of(
        "il", "lo", "gli", "una", "uno", "del", "della", "che", "per", "con", "mio", "mia", "miei", "tuo",
        "suo", "sono", "non", "dove", "quando", "come", "perche", "voglio", "ho", "posso", "ordine", "ciao",
        "grazie", "buongiorno", "buonasera", "ancora", "gia", "io", "lei", "anche", "ma", "molto", "spedizione",
        "consegna", "rimborso", "aiuto", "vorrei", "questo", "questa", "sul", "nel", "alla", "ed"));
    MARKERS.put("nl", Set.of(
        "de", "het", "een", "ik", "je", "jij", "u", "wij", "zij", "niet", "en", "wat", "waar", "wanneer",
        "hoe", "waarom", "met", "voor", "op", "van", "mijn", "uw", "jullie", "bestelling", "hallo", "dank",
        "bedankt", "alstublieft", "graag", "nog", "al", "ook", "maar", "heb", "hebben", "kan", "kunnen",
        "wachtwoord", "levering", "verzending", "goedemorgen", "goedemiddag", "geen", "wel", "dit", "dat"));
  }

  // Letters that only some languages use (checked before accents are removed).
  private static final Map<String, String> LETTERS =
      Map.of("es", "ñ¿¡", "fr", "çœèêëîïôûù", "de", "äöüß", "pt", "ãõ", "it", "ìò");

  private Languages() {}

  /** The ISO 639-1 code of the message's language, when it is clear. */
  public static Optional<String> detect(String text) {
    Optional<String> script = script(text);
    if (script.isPresent()) {
      return script;
    }
    List<String> words = Words.plain(text);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    Map<String, Integer> score = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> m : MARKERS.entrySet()) {
      int hits = 0;
      for (String w : words) {
        if (m.getValue().contains(w)) {
          hits++;
        }
      }
      String letters = LETTERS.getOrDefault(m.getKey(), "");
      for (int i = 0; i < lower.length(); i++) {
        if (letters.indexOf(lower.charAt(i)) >= 0) {
          hits += 2;
          break;
        }
      }
      score.put(m.getKey(), hits);
    }
    int english = score.get(ENGLISH);
    long dictionaryWords = words.stream().filter(w -> w.length() > 2 && Dictionary.contains(w)).count();
    long longWords = words.stream().filter(w -> w.length() > 2).count();
    double englishShare = longWords == 0 ? 0 : (double) dictionaryWords / longWords;
    String foreign = null;
    int foreignScore = 0;
    for (Map.Entry<String, Integer> s : score.entrySet()) {
      if (!s.getKey().equals(ENGLISH) && s.getValue() > foreignScore) {
        foreign = s.getKey();
        foreignScore = s.getValue();
      }
    }
    boolean shortGreeting = words.size() <= 3 && foreignScore >= 1 && english == 0 && englishShare < 0.5;
    if (foreign != null && (foreignScore >= 2 || shortGreeting) && foreignScore > english && englishShare < 0.6) {
      return Optional.of(foreign);
    }
    if (english > 0 || englishShare >= 0.6) {
      return Optional.of(ENGLISH);
    }
    return Optional.empty();
  }

  /** A non-Latin script that writes most of the letters (Chinese characters with kana are Japanese). */
  private static Optional<String> script(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int letters = 0;
    boolean kana = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetter(c)) {
        continue;
      }
      letters++;
      Character.UnicodeScript s = Character.UnicodeScript.of(c);
      kana |= s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
      String language =
          switch (s) {
            case HAN, HIRAGANA, KATAKANA -> "zh";
            case HANGUL -> "ko";
            case CYRILLIC -> "ru";
            case ARABIC -> "ar";
            case HEBREW -> "he";
            case GREEK -> "el";
            case DEVANAGARI -> "hi";
            case THAI -> "th";
            default -> null;
          };
      if (language != null) {
        counts.merge(language, 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() * 2 > letters) {
        return Optional.of(e.getKey().equals("zh") && kana ? "ja" : e.getKey());
      }
    }
    return Optional.empty();
  }
}
