package dev.sidekick.runtime.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.gladly.GladlyModel.Customer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a draft never holds without --include-contact: the customer's name, e-mail, phone number, order numbers. */
class RedactorTest {
  private final Redactor martha = Redactor.forCustomer(Optional.of(
      new Customer("c1", "Martha Williams", List.of("Martha.Williams@gmail.com"), List.of("+17244895501"))));

  @Test
  void the_profile_s_name_e_mail_and_phone_go_whatever_their_case() {
    assertThat(martha.redact("Hi, martha williams here (MARTHA.WILLIAMS@GMAIL.COM, +17244895501). Thanks, Martha"))
        .isEqualTo("Hi, [name] [name] here ([email], [phone]). Thanks, [name]");
  }

  @Test
  void anything_that_looks_like_an_e_mail_a_phone_number_or_an_order_number_goes_too() {
    Redactor anyone = Redactor.forCustomer(Optional.empty());
    assertThat(anyone.redact("write to bo.b+shop@mail.example.co.uk or call (724) 489-5501 / +44 20 7946 0958"))
        .isEqualTo("write to [email] or call [phone] / [phone]");
    assertThat(anyone.redact("order #48213, order 55120, Order number: 7781, # 1234"))
        .isEqualTo("order #[order], order [order], Order number: [order], #[order]");
  }

  @Test
  void dates_prices_and_short_numbers_stay() {
    Redactor anyone = Redactor.forCustomer(Optional.empty());
    String text = "ordered 2026-03-01, paid $1,299.00 for 2 pairs, size 10.5, arrives in 3-5 days";
    assertThat(anyone.redact(text)).isEqualTo(text);
  }
}
