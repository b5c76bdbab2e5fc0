package dev.sidekick.runtime.responder.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An e-mail read as an agent reads it: what the customer wrote now, without what mail programs and habits add. */
class SegmenterTest {

  @Test
  void a_quoted_earlier_reply_a_signature_and_a_disclaimer_are_not_what_the_customer_asks() {
    Segments s = Segmenter.of("""
        Hi Brightwire team,

        I hope this email finds you well. We're refitting our office with your speakers.
        Do you ship to Canada, and how long does it take?

        Kind regards,
        Dana Whitfield
        Operations Manager
        Northwind Traders Ltd
        +1 (416) 555-0199

        This email and any attachments are confidential and intended solely for the named recipient.

        On Mon, 3 Mar 2026 at 10:14, Brightwire Support <help@brightwire.example> wrote:
        > Thanks for your message. Please talk to a manager about your refund.
        """);
    assertThat(s.body()).isEqualTo(
        "We're refitting our office with your speakers. Do you ship to Canada, and how long does it take?");
    assertThat(s.body()).doesNotContain("Manager").doesNotContain("refund").doesNotContain("confidential");
    assertThat(s.asking()).containsExactly("Do you ship to Canada, and how long does it take?");
  }

  @Test
  void the_subject_of_a_reply_in_a_thread_is_not_what_the_customer_says_now() {
    assertThat(Segmenter.of(Segmenter.withoutReplySubject("Re: Hours\nThanks, that's all!")).body())
        .isEqualTo("Thanks, that's all!");
    assertThat(Segmenter.withoutReplySubject("AW: Lieferung\nDanke!")).isEqualTo("Danke!");
    assertThat(Segmenter.withoutReplySubject("Hours\nThanks, that's all!")).as("a first message's subject stays")
        .isEqualTo("Hours\nThanks, that's all!");
    assertThat(Segmenter.withoutReplySubject("Re: where is my order?\n")).as("nothing else written: the subject is it")
        .isEqualTo("Re: where is my order?\n");
    assertThat(Segmenter.withoutReplySubject("Return policy\nre: the jacket, can I return it?")).as("only a first line")
        .isEqualTo("Return policy\nre: the jacket, can I return it?");
  }

  @Test
  void a_signature_without_a_sign_off_and_the_lines_mail_apps_add_are_left_out() {
    assertThat(Segmenter.of("Hello,\nwhat payment methods do you take?\n\nClaire Donovan\nRegional Sales Manager\n(919) 555-0171")
        .body()).isEqualTo("what payment methods do you take?");
    assertThat(Segmenter.of("can I pay with klarna?\n\nSent from my iPhone").body()).isEqualTo("can I pay with klarna?");
  }

  @Test
  void a_forward_with_nothing_of_the_customers_own_is_read_as_the_forwarded_message() {
    Segments s = Segmenter.of("""
        FYI

        ---------- Forwarded message ---------
        From: Sam <sam@example.com>
        Date: Tue, 4 Mar 2026
        Subject: tickets

        > When do the tickets show up in the app?
        """);
    assertThat(s.body()).isEqualTo("When do the tickets show up in the app?");
  }

  @Test
  void a_chat_line_stays_as_it_is_but_for_its_greeting() {
    assertThat(Segmenter.of("hi, where is my order?").body()).isEqualTo("where is my order?");
    assertThat(Segmenter.of("wheres it at?? order 4471").body()).isEqualTo("wheres it at?? order 4471");
    assertThat(Segmenter.of("Thanks, that's everything I needed!").body()).isEqualTo("Thanks, that's everything I needed!");
  }

  @Test
  void a_message_that_is_only_a_greeting_is_kept_for_the_triage() {
    assertThat(Segmenter.of("Hi there!").body()).isEqualTo("Hi there!");
    assertThat(Segmenter.of("Good morning").sentences()).containsExactly("Good morning");
  }
}
