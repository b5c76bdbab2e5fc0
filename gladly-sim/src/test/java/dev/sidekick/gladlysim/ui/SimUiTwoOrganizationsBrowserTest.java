package dev.sidekick.gladlysim.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.GladlySimExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The simulator's page with a seed of two organizations: it offers an organization picker, and the entry points,
 * the email form and the conversations panel follow the organization picked (control API {@code ?org=}).
 */
class SimUiTwoOrganizationsBrowserTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("sim/two-orgs.yaml");

  private static HeadlessChromium chromium;
  private static WebDriver driver;

  @BeforeAll
  static void startBrowser() throws Exception {
    chromium = HeadlessChromium.start();
    driver = chromium.driver;
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (chromium != null) chromium.close();
  }

  @Test
  void anEmailToTheSecondOrganizationShowsUpThereOnly() throws Exception {
    try {
      driver.get(gladly.baseUrl() + "/sim/ui/");
      WebElement picker = waitUntil(d -> {
        WebElement p = d.findElement(By.id("org-picker"));
        return p.isDisplayed() ? p : null;
      });
      assertThat(new Select(driver.findElement(By.id("org"))).getOptions())
          .extracting(o -> o.getAttribute("value")).containsExactly("acme", "globex");
      assertThat(picker.getText()).contains("Organization");
      assertThat(optionValues("entry-point")).containsExactly("chat-acme");

      new Select(driver.findElement(By.id("org"))).selectByValue("globex");
      waitUntil(d -> optionValues("inbound-to").equals(List.of("care@globex.example")));
      assertThat(optionValues("entry-point")).as("only the placeholder").containsExactly("");
      WebElement from = driver.findElement(By.id("inbound-from"));
      from.clear();
      from.sendKeys("wile@example.com");
      driver.findElement(By.id("inbound-subject")).sendKeys("Anvil");
      driver.findElement(By.id("inbound-body")).sendKeys("It fell on me.");
      driver.findElement(By.id("inbound-send")).click();
      String conversationId = waitUntil(d -> {
        String id = d.findElement(By.id("inbound-result")).getAttribute("data-conversation-id");
        return id == null || id.isBlank() ? null : id;
      });
      waitUntil(d -> !rows(conversationId).isEmpty());

      new Select(driver.findElement(By.id("org"))).selectByValue("acme");
      waitUntil(d -> optionValues("entry-point").equals(List.of("chat-acme")));
      waitUntil(d -> rows(conversationId).isEmpty()
          && d.findElement(By.id("conversations-count")).getText().equals("(0)"));
      chromium.screenshot("sim-ui-two-organizations");
      assertThat(chromium.severeConsoleMessages()).isEmpty();
    } catch (Exception | AssertionError e) {
      chromium.screenshot("sim-ui-FAILED-two-organizations");
      throw e;
    }
  }

  private static List<String> optionValues(String selectId) {
    return new Select(driver.findElement(By.id(selectId))).getOptions().stream()
        .map(o -> o.getAttribute("value")).toList();
  }

  private static List<WebElement> rows(String conversationId) {
    return driver.findElements(
        By.cssSelector("[data-testid=conversation-row][data-conversation-id='" + conversationId + "']"));
  }

  private static <T> T waitUntil(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }
}
