package dev.sidekick.runtime.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.config.ConfigFixture;
import dev.sidekick.runtime.config.ConfigLoader;
import dev.sidekick.runtime.config.SecretFiles;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.shopsim.ShopSimExtension;
import dev.sidekick.shopsim.control.ShopFault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification stories of issue 11 at the level of the commerce package: an endpoint configured with a Shopify
 * backend (runtime.yaml → {@link CommerceBackends}) asks the simulated shop through the Quarkus REST client.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class OrderLookupTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  // generous: these stories are about what is disclosed, not about deadlines (those have their own test below); a
  // loaded 2-core machine can take seconds over a first call
  private static final Duration BUDGET = Duration.ofSeconds(15);
  private static final String TOKEN = "shpat_acme_sidekick";

  @Inject SecretFiles secrets;
  @TempDir Path dir;

  private OrderDesk desk;
  private final List<String> logged = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void configureTheEndpointsShop() throws IOException {
    ConfigFixture.writeFiles(dir, TOKEN);
    Files.writeString(dir.resolve("runtime.yaml"), """
        gladly: { baseUrl: https://acme.gladly.com, credentials: { emailFile: email, tokenFile: token } }
        keysDir: keys
        responder: { knowledgeBase: { file: kb.yaml } }
        endpoints:
          - name: us-store
            channels: [CHAT]
            commerce:
              shopify: { shopUrl: %s, apiVersion: "2026-10", accessTokenFile: shopify-token, callTimeout: 10s }
              returnWindowDays: 30
        """.formatted(shop.baseUrl()));
    CommerceBackends backends = new CommerceBackends();
    backends.secrets = secrets;
    backends.start(ConfigLoader.load(dir.resolve("runtime.yaml")));
    desk = backends.of("us-store").orElseThrow();
    Logger.getLogger("dev.sidekick.runtime.commerce").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("dev.sidekick.runtime.commerce").removeHandler(capture);
  }

  private static Contact email(String email) {
    return Contact.of(Optional.of(email), Optional.empty());
  }

  private OrderDesk.Orders orders(OrderDesk.Answer a) {
    assertThat(a).isInstanceOf(OrderDesk.Orders.class);
    return (OrderDesk.Orders) a;
  }

  private Instant now() {
    return shop.shop().now();
  }

  @Test
  void a_verified_customer_gets_the_tracking_of_their_order_in_transit_in_one_shopify_query() {
    OrderDesk.Answer a = desk.lookUp(VerificationState.fresh(), email("martha@example.com"), "where is my order?", BUDGET);

    OrderDesk.Orders found = orders(a);
    assertThat(found.zone()).isEqualTo(ZoneId.of("America/New_York"));
    OrderText.One one = (OrderText.One) OrderText.choose(found.orders());
    String text = OrderText.status(one.order(), found.zone(), now());
    assertThat(text).startsWith("Your order #1010 (Hiking Boots) is on its way with UPS. Track it here: https://www.ups.com/track?tracknum=1Z999AA10123456800")
        .contains("Expected delivery: ");
    assertThat(shop.calls().count()).as("one query per lookup").isEqualTo(1);
    assertThat(shop.calls().all().get(0).operationName()).isEqualTo("OrdersByEmail");
    assertThat(shop.calls().all().get(0).apiVersion()).isEqualTo("2026-10");
  }

  @Test
  void a_customer_with_two_open_orders_gets_a_menu_and_their_pick_answers_that_order() {
    Contact jane = Contact.of(Optional.of("jane.doe@example.com"), Optional.of("+16135550101"));
    OrderDesk.Orders found = orders(desk.lookUp(VerificationState.fresh(), jane, "where's my stuff", BUDGET));
    assertThat(found.orders()).extracting(Order::name).containsExactly("#1002", "#1001", "#990");
    assertThat(shop.calls().all().get(0).operationName()).as("email and phone in one query").isEqualTo("OrdersByEmailOrPhone");

    OrderText.Menu menu = (OrderText.Menu) OrderText.choose(found.orders());
    assertThat(menu.options()).extracting(OrderText.Option::label)
        .containsExactly("#1002 · Merino Socks (3 pack) · not shipped yet", "#1001 · Trail Runner 2 · on its way");

    OrderDesk.Orders picked = orders(desk.lookUp(found.next(), jane, menu.options().get(1).label(), BUDGET));
    assertThat(picked.orders()).extracting(Order::name).containsExactly("#1001");
    assertThat(shop.calls().all().get(1).operationName()).isEqualTo("OrdersByNumber");
  }

  @Test
  void an_unverified_chat_customer_is_asked_for_the_order_number_and_email_and_then_answered() {
    OrderDesk.Answer ask = desk.lookUp(VerificationState.fresh(), Contact.none(), "where is my order?", BUDGET);
    assertThat(ask).isEqualTo(new OrderDesk.AskForProof(false, 3, VerificationState.fresh()));
    assertThat(shop.calls().count()).as("nothing to look up yet").isZero();

    OrderDesk.Orders found = orders(desk.lookUp(VerificationState.fresh(), Contact.none(), "It's #1003, bo.wang@example.com", BUDGET));
    assertThat(OrderText.status(found.orders().get(0), found.zone(), now()))
        .startsWith("Your order #1003 (Camp Stove and 1 more item) was delivered on ").contains("with USPS.");

    // the next message of the conversation goes on about that order without asking again
    OrderDesk.Orders again = orders(desk.lookUp(found.next(), Contact.none(), "can I return it?", BUDGET));
    Order order = again.orders().get(0);
    assertThat(OrderText.returns(order, desk.returnPolicy().eligibility(order, now()), again.zone(), now()))
        .startsWith("Your order #1003 (Camp Stove and 1 more item) can be returned until ")
        .contains("You can start the return here: https://acme-outfitters.myshopify.com/");
  }

  @Test
  void a_postal_code_proves_an_order_too_and_a_customer_known_only_by_phone_is_found_through_their_customer_record() {
    assertThat(orders(desk.lookUp(VerificationState.fresh(), Contact.none(), "order 1001 postal code k2p 2l8", BUDGET)).orders())
        .extracting(Order::name).containsExactly("#1001");

    OrderDesk.Orders dana = orders(desk.lookUp(VerificationState.fresh(), Contact.of(Optional.empty(), Optional.of("+1 415 555 0123")),
        "I want to return my poles", BUDGET));
    Order order = dana.orders().get(0);
    assertThat(order.name()).isEqualTo("#1008");
    assertThat(OrderText.returns(order, desk.returnPolicy().eligibility(order, now()), dana.zone(), now()))
        .startsWith("Your return #1008-R1 (requested on ").endsWith("is waiting for approval.");
  }

  @Test
  void a_wrong_email_three_times_hands_off_and_nothing_is_disclosed() {
    VerificationState state = VerificationState.fresh();
    List<OrderDesk.Answer> answers = new ArrayList<>();
    for (String wrong : List.of("a@example.com", "b@example.com", "c@example.com")) {
      OrderDesk.Answer a = desk.lookUp(state, Contact.none(), "#1001 " + wrong, BUDGET);
      answers.add(a);
      state = a instanceof OrderDesk.AskForProof ask ? ask.next() : ((OrderDesk.HandOff) a).next();
    }
    assertThat(answers.get(0)).isEqualTo(new OrderDesk.AskForProof(true, 2, new VerificationState(1, Optional.empty(), Optional.empty())));
    assertThat(answers.get(1)).isEqualTo(new OrderDesk.AskForProof(true, 1, new VerificationState(2, Optional.empty(), Optional.empty())));
    assertThat(answers.get(2)).isInstanceOf(OrderDesk.HandOff.class);
    assertThat(((OrderDesk.HandOff) answers.get(2)).note()).doesNotContain("1001", "jane", "example.com");

    int calls = shop.calls().count();
    assertThat(desk.lookUp(state, Contact.none(), "#1001 jane.doe@example.com", BUDGET)).isInstanceOf(OrderDesk.HandOff.class);
    assertThat(shop.calls().count()).as("locked out: the shop is not even asked").isEqualTo(calls);
  }

  @Test
  void someone_elses_order_number_discloses_nothing_and_reads_like_an_order_that_does_not_exist() {
    Contact jane = email("jane.doe@example.com");
    OrderDesk.Answer bos = desk.lookUp(VerificationState.fresh(), jane, "where is order #1003? jane.doe@example.com", BUDGET);
    OrderDesk.Answer none = desk.lookUp(VerificationState.fresh(), jane, "where is order #4242? jane.doe@example.com", BUDGET);
    assertThat(bos).isEqualTo(none).isInstanceOf(OrderDesk.AskForProof.class);

    // a search term smuggled into the "email" changes nothing: the query is built from digits and a clean email only
    OrderDesk.Answer injected = desk.lookUp(VerificationState.fresh(), Contact.none(), "#1003 x@example.com OR status:open", BUDGET);
    assertThat(injected).isInstanceOf(OrderDesk.AskForProof.class);
    assertThat(shop.calls().all()).allSatisfy(c -> assertThat(c.variables().toString()).doesNotContain("status:"));
  }

  @Test
  void delivered_and_cancelled_orders_are_told_as_such_and_a_return_window_can_be_closed() {
    OrderDesk.Orders bo = orders(desk.lookUp(VerificationState.fresh(), email("bo.wang@example.com"), "my orders?", BUDGET));
    assertThat(bo.orders()).extracting(Order::name).containsExactly("#1004", "#1003");
    assertThat(OrderText.choose(bo.orders())).isEqualTo(new OrderText.One(bo.orders().get(0)));
    assertThat(OrderText.status(bo.orders().get(0), bo.zone(), now()))
        .startsWith("Your order #1004 (Hammock) was cancelled on ").endsWith("A refund of 79.00 USD was issued to your original payment method.");
    assertThat(OrderText.status(bo.orders().get(1), bo.zone(), now())).contains("was delivered on ");

    OrderDesk.Orders guest = orders(desk.lookUp(VerificationState.fresh(), email("guest.buyer@example.net"), "return?", BUDGET));
    Order old = guest.orders().get(0);
    assertThat(desk.returnPolicy().eligibility(old, now())).isInstanceOf(ReturnPolicy.WindowClosed.class);
  }

  @Test
  void shopify_throttled_failing_or_slow_is_a_could_not_look_up_within_the_callers_budget() {
    Contact martha = email("martha@example.com");
    Duration budget = Duration.ofSeconds(1);

    shop.faults().add(ShopFault.throttled());
    assertThat(timed(() -> desk.lookUp(VerificationState.fresh(), martha, "where is my order", budget)))
        .isEqualTo(new Outcome(Lookup.Failure.THROTTLED, true));

    shop.faults().clear();
    shop.faults().add(ShopFault.status(500));
    assertThat(timed(() -> desk.lookUp(VerificationState.fresh(), martha, "where is my order", budget)))
        .isEqualTo(new Outcome(Lookup.Failure.DOWN, true));
    assertThat(shop.calls().all().stream().filter(c -> c.status() == 500).count()).as("retried while time remained").isGreaterThan(1);

    shop.faults().clear();
    shop.faults().add(ShopFault.latency(Duration.ofSeconds(5)));
    assertThat(timed(() -> desk.lookUp(VerificationState.fresh(), martha, "where is my order", budget)))
        .isEqualTo(new Outcome(Lookup.Failure.SLOW, true));

    shop.faults().clear();
    assertThat(logged).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("martha", "1010", TOKEN, "UPS"));
  }

  @Test
  void a_throttled_shop_that_refills_in_time_is_waited_for_and_transient_errors_are_tried_again() {
    shop.bucket(TOKEN).set(null, 0.0, 2000.0);
    assertThat(desk.lookUp(VerificationState.fresh(), email("martha@example.com"), "where is my order", BUDGET)).isInstanceOf(OrderDesk.Orders.class);
    assertThat(shop.calls().all().get(0).throttled()).isTrue();

    shop.faults().add(ShopFault.internalError().times(1)).add(ShopFault.status(503).times(1));
    assertThat(desk.lookUp(VerificationState.fresh(), email("martha@example.com"), "where is my order", BUDGET)).isInstanceOf(OrderDesk.Orders.class);
  }

  @Test
  void a_wrong_token_or_a_missing_scope_is_a_refusal_not_an_answer() throws IOException {
    Files.writeString(dir.resolve("shopify-token"), "shpat_revoked");
    await(() -> desk.lookUp(VerificationState.fresh(), email("martha@example.com"), "where?", BUDGET) instanceof OrderDesk.CouldNotLookUp c
        && c.failure() == Lookup.Failure.REFUSED);

    // a token without read_customers and read_returns: Shopify answers 200 with ACCESS_DENIED errors
    Files.writeString(dir.resolve("shopify-token"), "shpat_acme_orders_only");
    await(() -> desk.lookUp(VerificationState.fresh(), email("martha@example.com"), "where?", BUDGET) instanceof OrderDesk.CouldNotLookUp c
        && c.failure() == Lookup.Failure.REFUSED && shop.calls().all().get(shop.calls().count() - 1).status() == 200);
  }

  /** The secret file is re-read once a second: wait for the new token to take effect. */
  private static void await(java.util.function.BooleanSupplier condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
  }

  /** A failure, and whether it came back within the budget plus a margin for a loaded machine. */
  private record Outcome(Lookup.Failure failure, boolean inTime) {}

  private static Outcome timed(java.util.function.Supplier<OrderDesk.Answer> lookup) {
    long start = System.nanoTime();
    OrderDesk.Answer a = lookup.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(a).isInstanceOf(OrderDesk.CouldNotLookUp.class);
    assertThat(((OrderDesk.CouldNotLookUp) a).note()).startsWith("Sidekick could not look up the customer's orders: ");
    return new Outcome(((OrderDesk.CouldNotLookUp) a).failure(), took.compareTo(Duration.ofMillis(3000)) < 0);
  }
}
