package dev.sidekick.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.transfer.TransferReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A decision kept in the shared store reads back as the same decision on another replica. */
class ReplyCodecTest {
  private final ReplyCodec codec = new ReplyCodec(new ObjectMapper().registerModule(new Jdk8Module()));

  @Test
  void every_kind_of_decision_reads_back_as_itself() {
    List<Reply> decisions = List.of(
        new Reply.Answer("Here", List.of(new Reply.Option("a", "A")), "matched"),
        new Reply.Handoff("asked for a human", Optional.of(TransferReason.EXPLICIT_REQUEST),
            List.of(new Reply.Considered("returns", "Returns", 0.42, "lexical"))),
        new Reply.Handoff("no confident answer"),
        new Reply.Handoff("the customer asked to cancel an order", Optional.empty(), List.of(),
            Optional.of("A member of our team will follow up."), Optional.of("Their orders: #1002")),
        new Reply.Close("Bye!", "goodbye"));
    for (Reply r : decisions) {
      assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
    }
  }

  @Test
  void a_decision_that_cannot_be_read_is_decided_again() {
    assertThat(codec.decode("{\"kind\":\"Unknown\"}")).isNull();
    assertThat(codec.decode("not json")).isNull();
  }

  @Test
  void an_answer_keeps_its_entry_through_the_store_and_an_older_record_without_one_still_reads() {
    Reply.Answer answer = new Reply.Answer("Returns are free.", List.of(new Reply.Option("how", "How to return")),
        "knowledge base: returns at 0.91", Optional.of("returns"));
    assertThat(codec.decode(codec.encode(answer))).isEqualTo(answer);
    assertThat(codec.decode("{\"kind\":\"Answer\",\"text\":\"Hi\",\"options\":[],\"reason\":\"greeting\"}"))
        .isEqualTo(new Reply.Answer("Hi", List.of(), "greeting"));
  }
}
