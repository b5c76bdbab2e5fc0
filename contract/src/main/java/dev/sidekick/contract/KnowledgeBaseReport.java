package dev.sidekick.contract;

/**
 * The runtime's report of its start-up check of each knowledge base against the knowledge base's own examples, as
 * its readiness ({@code GET /q/health/ready}) carries it and the operator reads it (condition KnowledgeBaseChecked):
 * the check {@value #CHECK}, whose data has per endpoint a summary under the endpoint's name and, once counted, the
 * examples answered wrongly beyond the goals (a wrong entry for more than 1 in 100 of the entries' examples, an answer for
 * more than 1 in 50 of the must-hand-off ones) under {@code <endpoint>}{@value #WRONGLY_ANSWERED}.
 */
public final class KnowledgeBaseReport {
  /** The readiness check's name. */
  public static final String CHECK = "knowledge-base";
  /** Suffix of an endpoint's count of examples answered wrongly. */
  public static final String WRONGLY_ANSWERED = ".wronglyAnswered";
  /** How a summary starts when the examples could not be checked (the embeddings endpoint failed). */
  public static final String NOT_CHECKED = "examples not checked";

  private KnowledgeBaseReport() {}

  public static String wronglyAnsweredKey(String endpoint) {
    return endpoint + WRONGLY_ANSWERED;
  }
}
