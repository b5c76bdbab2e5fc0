package dev.sidekick.gladlysim.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.GladlySimExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The simulator's web page ({@code /sim/ui/}) in a real headless Chromium: a person chats with a bot at an
 * automation entry point, picks menu items, is handed off, and watches the conversations, webhooks and delivery
 * log panels; and sends an email from the page's form. The bot is {@link FakeBot}, a webhook receiver that answers
 * through the simulator's Gladly API with the seeded API user's credentials.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}: without them the test fails and says to run
 * {@code scripts/prepare-test-env}. Screenshots go to {@code target/sim-ui-*.png}.
 */
class SimUiBrowserTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("acme");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String API_USER = "sidekick@acme.example";
  private static final String API_TOKEN = "sidekick-token";

  private static HeadlessChromium chromium;
  private static WebDriver driver;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeBot bot;
  private String testName;

  @BeforeAll
  static void startBrowser() throws Exception {
    chromium = HeadlessChromium.start();
    driver = chromium.driver;
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (chromium != null) chromium.close();
  }

  @BeforeEach
  void freshPage(TestInfo info) {
    testName = info.getTestMethod().orElseThrow().getName();
    // the page keeps its open chat in sessionStorage (a reload resumes it); the simulator was reset, so forget it
    driver.get(gladly.baseUrl() + "/sim/clock");
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    chromium.severeConsoleMessages();
  }

  @AfterEach
  void stopBot() throws Exception {
    if (bot != null) bot.close();
  }

  @Test
  void chatWithTheBotPickMenuItemsAndGetHandedOff() throws Exception {
    allowHttpWebhooksOnLoopback();
    bot = new FakeBot(gladly.baseUrl(), API_USER, API_TOKEN);
    String webhookId = registerWebhook(bot.webhookUrl());

    onPage(() -> {
      driver.get(gladly.baseUrl() + "/sim/ui/");
      // the pickers are filled from the control API
      waitUntil(d -> new Select(byId("entry-point")).getOptions().stream()
          .anyMatch(o -> "chat-us-store".equals(o.getAttribute("value"))));
      new Select(byId("entry-point")).selectByValue("chat-us-store");
      pickCustomer("martha@example.com", "Martha Williams");
      byId("start-chat").click();

      WebElement widget = waitUntil(d -> displayed("chat-widget"));
      String conversationId = waitUntil(d -> nonBlank(widget.getAttribute("data-conversation-id")));
      String sessionId = widget.getAttribute("data-session-id");
      assertThat(sessionId).as("an automation entry point gives the chat a session").isNotBlank();

      // the customer types; the bot's TEXT and MENU appear
      byId("chat-input").sendKeys("Where is my order?", Keys.ENTER);
      waitForMessage("CUSTOMER", "Where is my order?");
      waitForMessage("AUTOMATION", "Hi! You wrote: Where is my order?");
      click(() -> menuItem("order-status"));

      // the pick reaches the bot as the item's label; its answer includes sanitized HTML and a second menu
      waitForMessage("CUSTOMER", "Order Status");
      waitForMessage("AUTOMATION", "Your order #1234 is on the way.");
      waitUntil(d -> byTestId("menu-prompt").stream().anyMatch(e -> e.getText().equals("Anything else?")));
      // the HTML message: Gladly's allowed tags kept (a with its https href, b), the script dropped
      waitUntil(d -> {
        WebElement html = lastMessageOfType("HTML");
        return html != null && html.getText().equals("Track it here any time.")
            && html.findElements(By.tagName("script")).isEmpty()
            && "https://track.example/1234".equals(html.findElement(By.tagName("a")).getAttribute("href"))
            && "any time".equals(html.findElement(By.tagName("b")).getText());
      });
      click(() -> menuItem("human"));

      // hand-off: the customer's line, and for the operator the notice with the bot's hand-off description;
      // the conversation routable in the entry point's default inbox; the deliveries in the log
      waitUntil(d -> byTestId("system-notice").stream().anyMatch(e -> "HANDOFF".equals(e.getAttribute("data-type"))));
      waitUntil(d -> {
        WebElement notice = displayed("handoff-notice");
        return notice != null && notice.getText().contains("Handed off")
            && notice.getText().contains("Customer asked for a human");
      });
      // (panels re-render when the simulator's state changes, so rows are looked up afresh in each wait)
      waitUntil(d -> {
        WebElement row = conversationRow(conversationId);
        return row != null && "OPEN".equals(row.getAttribute("data-status"))
            && "false".equals(row.getAttribute("data-in-automation"))
            && !row.findElement(By.cssSelector("[data-testid=conversation-inbox]")).getText().isBlank();
      });
      waitUntil(d -> {
        List<WebElement> rows = deliveryRows("AUTOMATION/MESSAGE_RECEIVED");
        return rows.size() >= 3 && rows.stream().allMatch(r -> "Success".equals(r.getAttribute("data-outcome"))
            && webhookId.equals(r.getAttribute("data-webhook-id")));
      });
      waitUntil(d -> {
        WebElement hook = webhookRow(webhookId);
        return hook != null && "true".equals(hook.getAttribute("data-enabled"))
            && hook.getText().contains(bot.webhookUrl()) && hook.getText().contains(FakeBot.SECRET_HEADER);
      });

      // an agent answers through Gladly's API (reply to the customer's last chat item): the customer sees it
      JsonNode items = control("GET", "/sim/conversations/" + conversationId, null).path("items");
      String lastCustomerItem = null;
      for (JsonNode item : items) {
        if ("CUSTOMER".equals(item.path("initiator").path("type").asText())) lastCustomerItem = item.path("id").asText();
      }
      assertThat(lastCustomerItem).as("the bot transcript became conversation items").isNotNull();
      ObjectNode reply = JSON.createObjectNode();
      reply.putObject("content").put("type", "CHAT_MESSAGE").put("body", "Hank here. Let me look at order #1234.");
      HttpResponse<String> replied = gladlyApi("POST", "/api/v1/conversation-items/" + lastCustomerItem + "/reply",
          reply, "hank@acme.example", "hank-token");
      assertThat(replied.statusCode()).as("reply: %s", replied.body()).isBetween(200, 299);
      waitForMessage("AGENT", "Hank here. Let me look at order #1234.");

      Path shot = chromium.screenshot("sim-ui-chat-handoff");
      assertThat(Files.size(shot)).isPositive();

      // what the page showed is what the simulator holds
      JsonNode session = control("GET", "/sim/sessions/" + sessionId, null);
      assertThat(session.toString()).contains("Customer asked for a human");
      assertThat(bot.received).extracting(e -> e.path("type").asText())
          .contains("AUTOMATION/MESSAGE_RECEIVED");
      assertThat(bot.received.stream()
          .filter(e -> e.path("type").asText().equals("AUTOMATION/MESSAGE_RECEIVED"))
          .map(e -> e.path("content").path("message").path("content").path("body").asText()))
          .containsExactly("Where is my order?", "Order Status", "Talk to a human");
      assertThat(bot.apiFailures).isEmpty();
      assertNoJavaScriptErrors();
    });
  }

  @Test
  void typingIndicatorWhileTheBotThinksThenTheBotClosesTheSession() throws Exception {
    allowHttpWebhooksOnLoopback();
    bot = new FakeBot(gladly.baseUrl(), API_USER, API_TOKEN);
    registerWebhook(bot.webhookUrl());

    onPage(() -> {
      driver.get(gladly.baseUrl() + "/sim/ui/");
      waitUntil(d -> new Select(byId("entry-point")).getOptions().stream()
          .anyMatch(o -> "chat-us-store".equals(o.getAttribute("value"))));
      new Select(byId("entry-point")).selectByValue("chat-us-store");
      pickCustomer("dana@example.com", "Dana <b>Tester</b>");
      byId("start-chat").click();
      waitUntil(d -> displayed("chat-widget"));
      // a customer name with markup is shown as text
      assertThat(byId("chat-title").getText()).contains("Dana <b>Tester</b>");

      byId("chat-input").sendKeys("Can you think about my refund?", Keys.ENTER);
      waitUntil(d -> displayed("typing-indicator"));
      bot.stopThinking();
      waitForMessage("AUTOMATION", "Done thinking.");
      waitUntil(d -> !byId("typing-indicator").isDisplayed());

      byId("chat-input").sendKeys("bye", Keys.ENTER);
      waitForMessage("AUTOMATION", "Goodbye!");
      waitUntil(d -> {
        WebElement notice = displayed("close-notice");
        return notice != null && notice.getText().contains("closed") && notice.getText().contains("Customer said goodbye");
      });
      assertThat(displayed("handoff-notice")).isNull();
      chromium.screenshot("sim-ui-chat-closed");

      // writing again starts a new session; five quiet minutes on the simulated clock close it
      byId("chat-input").sendKeys("hello again", Keys.ENTER);
      waitForMessage("AUTOMATION", "Hi! You wrote: hello again");
      waitUntil(d -> displayed("close-notice") == null);
      click(() -> driver.findElement(By.cssSelector("[data-testid=advance-5min]")));
      waitUntil(d -> {
        WebElement notice = displayed("close-notice");
        return notice != null && notice.getText().contains("5 minutes without activity");
      });
      waitUntil(d -> byTestId("menu-item").stream().noneMatch(WebElement::isEnabled));
      assertThat(bot.apiFailures).isEmpty();
      assertNoJavaScriptErrors();
    });
  }

  @Test
  void anEmailSentFromTheFormBecomesAConversation() throws Exception {
    onPage(() -> {
      driver.get(gladly.baseUrl() + "/sim/ui/");
      waitUntil(d -> new Select(byId("inbound-to")).getOptions().stream()
          .anyMatch(o -> "support@acme.example".equals(o.getAttribute("value"))));
      new Select(byId("inbound-to")).selectByValue("support@acme.example");
      WebElement from = byId("inbound-from");
      from.clear();
      from.sendKeys("martha@example.com");
      byId("inbound-subject").sendKeys("Broken zipper");
      byId("inbound-body").sendKeys("The zipper on my <b>jacket</b> broke.");
      byId("inbound-send").click();

      WebElement result = waitUntil(d -> displayed("inbound-result"));
      String conversationId = waitUntil(d -> nonBlank(result.getAttribute("data-conversation-id")));
      waitUntil(d -> {
        WebElement row = conversationRow(conversationId);
        return row != null && row.getText().contains("EMAIL") && nonBlank(row.getAttribute("data-status")) != null;
      });

      // open it: the email is an item, shown as text (not as markup)
      click(() -> conversationRow(conversationId));
      waitUntil(d -> byTestId("conversation-detail").stream()
          .anyMatch(e -> e.getText().contains("The zipper on my <b>jacket</b> broke.")));
      chromium.screenshot("sim-ui-email");

      JsonNode conversation = control("GET", "/sim/conversations/" + conversationId, null);
      assertThat(conversation.toString()).contains("Broken zipper");

      // and an SMS through the same form (no subject field for SMS)
      new Select(byId("inbound-to")).selectByValue("+15550100");
      waitUntil(d -> !byId("inbound-subject").isDisplayed());
      WebElement phone = byId("inbound-from");
      phone.clear();
      phone.sendKeys("+17244895501");
      byId("inbound-body").sendKeys("Is my return label ready?");
      byId("inbound-send").click();
      String smsConversationId = waitUntil(d -> {
        String id = byId("inbound-result").getAttribute("data-conversation-id");
        return id == null || id.isBlank() || id.equals(conversationId) ? null : id;
      });
      waitUntil(d -> {
        WebElement row = conversationRow(smsConversationId);
        return row != null && row.getText().contains("SMS") && row.getText().contains("Returns");
      });
      assertNoJavaScriptErrors();
    });
  }

  @Test
  void htmlMessagesKeepOnlyTheTagsGladlyAllows() throws Exception {
    onPage(() -> {
      driver.get(gladly.baseUrl() + "/sim/ui/");
      waitUntil(d -> ((JavascriptExecutor) d).executeScript("return !!(window.simUi && window.simUi.sanitizeHtml)"));
      String html = (String) ((JavascriptExecutor) driver).executeScript(
          "var box = document.createElement('div');"
              + "box.appendChild(window.simUi.sanitizeHtml(arguments[0]));"
              + "return box.innerHTML;",
          "<h1 onclick=\"x()\">Title</h1><p style=\"color:red\">a <b>b</b> <em>c</em> <u>u</u> <s>s</s></p>"
              + "<a href=\"https://example.com/x\" target=\"_self\">ok</a>"
              + "<a href=\"javascript:alert(1)\">bad</a><a href=\" jav&#x09;ascript:alert(1)\">bad2</a>"
              + "<img src=x onerror=alert(1)><script>alert(2)</script><style>p{}</style>"
              + "<iframe src=\"https://example.com\"></iframe><table><tr><td>cell</td></tr></table>"
              + "<ol type=\"a\"><li value=\"3\">item</li></ol><dl><dt>t</dt><dd>d</dd></dl><hr><br>"
              + "<blockquote>q</blockquote><pre>p</pre><span>s</span><div>d</div><h2>h2</h2><h3>h3</h3><i>i</i>"
              + "<strong>st</strong><form><input value=x><button>press</button></form>");
      assertThat(html)
          .contains("<h1>Title</h1>", "<p>a <b>b</b> <em>c</em> <u>u</u> <s>s</s></p>",
              "<a href=\"https://example.com/x\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">ok</a>",
              "<ol type=\"a\"><li value=\"3\">item</li></ol>", "<dl><dt>t</dt><dd>d</dd></dl>", "<hr><br>",
              "<blockquote>q</blockquote>", "<pre>p</pre>", "<span>s</span>", "<div>d</div>", "<h2>h2</h2>",
              "<h3>h3</h3>", "<i>i</i>", "<strong>st</strong>", "cell", "press")
          .doesNotContain("onclick", "style", "javascript", "<img", "onerror", "<script", "alert(2)", "<iframe",
              "<table", "<td", "<form", "<input", "<button", "p{}");
      assertThat(html).contains(">bad</a>", ">bad2</a>");
      assertThat(html.split("href=", -1)).as("only the https link keeps its href").hasSize(2);
      assertNoJavaScriptErrors();
    });
  }

  // ------------------------------------------------------------------------------------------------- helpers

  interface PageSteps {
    void run() throws Exception;
  }

  /** Runs browser steps; on failure keeps a screenshot and the DOM under target/ for the person reading the report. */
  private void onPage(PageSteps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      try {
        chromium.screenshot("sim-ui-FAILED-" + testName);
        chromium.pageSource("sim-ui-FAILED-" + testName);
      } catch (Exception ignored) {
        // the original failure matters more
      }
      throw e;
    }
  }

  private void assertNoJavaScriptErrors() {
    assertThat(chromium.severeConsoleMessages()).as("SEVERE browser console messages").isEmpty();
  }

  private static <T> T waitUntil(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Clicks what the supplier finds, again if the page re-rendered it in between (a stale element). */
  private static void click(java.util.function.Supplier<WebElement> element) {
    waitUntil(d -> {
      WebElement e = element.get();
      if (e == null) return null;
      e.click();
      return Boolean.TRUE;
    });
  }

  /** Picks a seeded customer; if the page has no such option, types the customer in ("Another customer…"). */
  private static void pickCustomer(String email, String name) {
    Select customers = new Select(byId("customer"));
    if (customers.getOptions().stream().anyMatch(o -> email.equals(o.getAttribute("value")))) {
      customers.selectByValue(email);
    } else {
      customers.selectByValue("");
      byId("customer-email").sendKeys(email);
      byId("customer-name").sendKeys(name);
    }
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private static List<WebElement> byTestId(String testId) {
    return driver.findElements(By.cssSelector("[data-testid='" + testId + "']"));
  }

  /** The element if it is on the page and shown, else null (looked up again if the page re-rendered it meanwhile). */
  private static WebElement displayed(String id) {
    for (int attempt = 0; ; attempt++) {
      try {
        List<WebElement> found = driver.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) throw e;
      }
    }
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static WebElement waitForMessage(String sender, String text) {
    return waitUntil(d -> d.findElements(By.cssSelector("[data-testid=chat-message][data-sender='" + sender + "']"))
        .stream()
        .filter(m -> m.findElement(By.cssSelector("[data-testid=message-body]")).getText().equals(text))
        .findFirst()
        .orElse(null));
  }

  private static WebElement lastMessageOfType(String type) {
    List<WebElement> found = driver.findElements(By.cssSelector("[data-testid=chat-message][data-type='" + type + "']"));
    return found.isEmpty() ? null : found.get(found.size() - 1).findElement(By.cssSelector("[data-testid=message-body]"));
  }

  /** The enabled button of the latest menu offering that item. */
  private static WebElement menuItem(String itemId) {
    List<WebElement> found =
        driver.findElements(By.cssSelector("[data-testid=menu-item][data-menu-item-id='" + itemId + "']"));
    if (found.isEmpty()) return null;
    WebElement last = found.get(found.size() - 1);
    return last.isEnabled() && last.isDisplayed() ? last : null;
  }

  private static WebElement conversationRow(String conversationId) {
    List<WebElement> found = driver.findElements(
        By.cssSelector("[data-testid=conversation-row][data-conversation-id='" + conversationId + "']"));
    return found.isEmpty() ? null : found.get(0);
  }

  private static WebElement webhookRow(String webhookId) {
    List<WebElement> found =
        driver.findElements(By.cssSelector("[data-testid=webhook-row][data-webhook-id='" + webhookId + "']"));
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<WebElement> deliveryRows(String type) {
    return driver.findElements(By.cssSelector("[data-testid=delivery-row][data-event-type='" + type + "']"));
  }

  private void allowHttpWebhooksOnLoopback() {
    gladly.options().allowHttpLoopbackWebhooks(true);
  }

  /** Registers the bot's webhook through Gladly's API, enabled (so the simulator PINGs it), with a secret header. */
  private String registerWebhook(String url) throws Exception {
    ObjectNode body = JSON.createObjectNode()
        .put("name", "fake Sidekick")
        .put("url", url)
        .put("enabled", true);
    body.putArray("events").add("AUTOMATION/MESSAGE_RECEIVED");
    body.putObject("headers").put(FakeBot.SECRET_HEADER, FakeBot.SECRET);
    HttpResponse<String> response = gladlyApi("POST", "/api/v1/webhooks", body, API_USER, API_TOKEN);
    assertThat(response.statusCode()).as("create webhook: %s", response.body()).isEqualTo(201);
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** A call to the simulator's Gladly API with Basic auth; waits out the rate limit (429) like a client should. */
  private HttpResponse<String> gladlyApi(String method, String path, JsonNode body, String user, String token)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gladly.baseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    for (int retry = 0; response.statusCode() == 429 && retry < 5; retry++) {
      Thread.sleep(300L << retry);
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  private JsonNode control(String method, String path, JsonNode body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gladly.baseUrl() + path))
        .header("Accept", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }
}
