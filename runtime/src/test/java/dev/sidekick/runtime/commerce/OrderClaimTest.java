package dev.sidekick.runtime.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order number, email and postal code as customers write them. */
class OrderClaimTest {
  private static void reads(String message, String number, String email, String postal) {
    OrderClaim c = OrderClaim.read(message);
    assertThat(c.orderNumber()).as(message + ": number").isEqualTo(Optional.ofNullable(number));
    assertThat(c.email()).as(message + ": email").isEqualTo(Optional.ofNullable(email));
    assertThat(c.postalCode()).as(message + ": postal code").isEqualTo(Optional.ofNullable(postal));
  }

  @Test
  void numbers_emails_and_postal_codes_are_found_in_what_customers_write() {
    reads("#1001 jane.doe@example.com", "1001", "jane.doe@example.com", null);
    reads("My order number is 1001 and my email is Jane.Doe@Example.COM.", "1001", "jane.doe@example.com", null);
    reads("order # 1001, postal code K2P 2L8", "1001", null, "K2P2L8");
    reads("1001 k2p2l8", "1001", null, "K2P2L8");
    reads("zip 94110 order 1003", "1003", null, "94110");
    reads("1003 94110", "1003", null, "94110");
    reads("1008, 94607-1234", "1008", null, "946071234");
    reads("Order #1005 SW1A 1AA", "1005", null, "SW1A1AA");
    reads("where is my order?", null, null, null);
    reads("#1001 - Trail Runner 2 - on its way", "1001", null, null);
  }

  @Test
  void a_search_injection_in_the_email_is_not_taken_as_an_email() {
    OrderClaim c = OrderClaim.read("#1001 \"x@example.com\" OR status:open");
    assertThat(c.email()).contains("x@example.com");
    assertThat(Contact.email("x@example.com\" OR status:open")).isNull();
  }
}
