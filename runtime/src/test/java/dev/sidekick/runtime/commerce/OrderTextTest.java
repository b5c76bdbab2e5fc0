package dev.sidekick.runtime.commerce;

import static dev.sidekick.runtime.commerce.Orders.NOW;
import static dev.sidekick.runtime.commerce.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Order facts in the words a customer reads. */
class OrderTextTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void an_order_on_its_way_says_carrier_tracking_link_and_expected_day() {
    Order o = order("#1001").inTransit("UPS", "1Z999", Duration.ofDays(2)).build();
    assertThat(OrderText.status(o, NEW_YORK, NOW)).isEqualTo("Your order #1001 (Trail Runner 2) is on its way with UPS. Track it "
        + "here: https://track.example/1Z999 (tracking number 1Z999) Expected delivery: Friday, December 4.");
  }

  @Test
  void delivered_unshipped_cancelled_and_two_parcel_orders_read_naturally() {
    assertThat(OrderText.status(order("#990").delivered("Canada Post", Duration.ofDays(15)).build(), NEW_YORK, NOW))
        .startsWith("Your order #990 (Trail Runner 2) was delivered on Tuesday, November 17 with Canada Post.");
    assertThat(OrderText.status(order("#1002").placed(Duration.ofDays(1)).items("Socks", "Hat", "Gloves").build(), NEW_YORK, NOW))
        .isEqualTo("Your order #1002 (Socks and 2 more items), placed on Tuesday, December 1, hasn't shipped yet. You'll get the "
            + "tracking link by email as soon as it does.");
    assertThat(OrderText.status(order("#1004").cancelled(Duration.ofDays(5), "79").build(), NEW_YORK, NOW))
        .isEqualTo("Your order #1004 (Trail Runner 2) was cancelled on Friday, November 27. A refund of 79.00 USD was issued to "
            + "your original payment method.");
    String two = OrderText.status(order("#1006").delivered("FedEx", Duration.ofDays(2)).inTransit("DHL", "12", Duration.ofDays(1)).build(), NEW_YORK, NOW);
    assertThat(two).startsWith("Your order #1006 (Trail Runner 2) was sent in 2 parcels:\n- One was delivered on Monday, November 30 with FedEx.")
        .contains("\n- One is on its way with DHL.");
  }

  @Test
  void several_open_orders_make_a_menu_whose_labels_name_the_order_and_one_open_order_is_answered_directly() {
    Order onItsWay = order("#1001").inTransit("UPS", "1Z", Duration.ofDays(1)).build();
    Order notShipped = order("#1002").build();
    Order delivered = order("#990").delivered("UPS", Duration.ofDays(9)).build();

    OrderText.Choice menu = OrderText.choose(List.of(notShipped, onItsWay, delivered));
    assertThat(menu).isEqualTo(new OrderText.Menu("Which order do you mean?", List.of(
        new OrderText.Option("order-a", "#1002 · Trail Runner 2 · not shipped yet"),
        new OrderText.Option("order-b", "#1001 · Trail Runner 2 · on its way")), List.of("1002", "1001")));
    assertThat(((OrderText.Menu) menu).prompt().length()).isLessThanOrEqualTo(50);
    assertThat(OrderClaim.read(((OrderText.Menu) menu).options().get(1).label()).orderNumber()).contains("1001");

    assertThat(OrderText.choose(List.of(onItsWay, delivered))).isEqualTo(new OrderText.One(onItsWay));
    assertThat(OrderText.choose(List.of(delivered))).isEqualTo(new OrderText.One(delivered));
  }

  @Test
  void returns_follow_the_window_after_delivery_and_say_where_to_start_one() {
    ReturnPolicy policy = ReturnPolicy.days(30);
    Order recent = order("#1003").delivered("USPS", Duration.ofDays(5)).build();
    ReturnPolicy.Eligibility e = policy.eligibility(recent, NOW);
    assertThat(e).isInstanceOf(ReturnPolicy.Returnable.class);
    assertThat(OrderText.returns(recent, e, NEW_YORK, NOW)).startsWith("Your order #1003 (Trail Runner 2) can be returned until "
        + "Sunday, December 27. You can start the return here: https://shop.example/orders/");

    Order old = order("#1007").delivered("USPS", Duration.ofDays(40)).build();
    assertThat(OrderText.returns(old, policy.eligibility(old, NOW), NEW_YORK, NOW)).contains("past its return window");
    Order onItsWay = order("#1001").inTransit("UPS", "1Z", Duration.ofDays(1)).build();
    assertThat(policy.eligibility(onItsWay, NOW)).isInstanceOf(ReturnPolicy.NotDeliveredYet.class);
    Order returning = order("#1008").delivered("UPS", Duration.ofDays(10)).returnRequested(Duration.ofDays(1)).build();
    assertThat(OrderText.returns(returning, policy.eligibility(returning, NOW), NEW_YORK, NOW))
        .isEqualTo("Your return #1008-R1 (requested on Tuesday, December 1) is waiting for approval.");
    assertThat(policy.eligibility(order("#1004").cancelled(Duration.ofDays(1), "1").build(), NOW)).isInstanceOf(ReturnPolicy.Cancelled.class);

    ReturnPolicy withPage = new ReturnPolicy(Duration.ofDays(30), Optional.of(java.net.URI.create("https://acme.example/returns")));
    assertThat(OrderText.returns(recent, withPage.eligibility(recent, NOW), NEW_YORK, NOW)).endsWith("https://acme.example/returns");
  }

  @Test
  void asking_again_after_a_miss_never_says_whether_the_number_exists() {
    assertThat(OrderText.askForProof(false)).contains("order number").contains("email address or postal code");
    assertThat(OrderText.askForProof(true)).startsWith("I couldn't find an order with that number and email address or postal code.");
  }
}
