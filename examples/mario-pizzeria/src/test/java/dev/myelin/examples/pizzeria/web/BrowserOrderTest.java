package dev.myelin.examples.pizzeria.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web UI in a real browser (headless Chromium driven by chromedriver, both from the machine's packages:
 * {@value #CHROMIUM} and {@value #CHROMEDRIVER}; no driver is downloaded): a guest sees the menu rendered from
 * the API, orders the seed's pizza through the form, follows the link to the order's status page, and a chef
 * signed in through the login form finds the order in the kitchen queue. Skipped when either program is
 * missing. Every wait is an explicit {@link WebDriverWait}.
 */
class BrowserOrderTest extends PizzeriaHttpTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    private Path profile;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "BrowserOrderTest skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install -y chromium chromium-driver)");
        profile = Files.createTempDirectory("pizzeria-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aGuestOrdersTheSeedsPizzaInTheBrowserFollowsItAndTheChefSeesItInTheKitchenQueue() {
        String base = "http://localhost:" + port;
        browser.get(base + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#menu tbody"), "Margherita"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pizza-choice option[value='margherita']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#topping-choice option[value='extra_cheese']")));

        WebElement form = browser.findElement(By.id("order"));
        form.findElement(By.name("customer_name")).sendKeys("John Doe");
        form.findElement(By.name("customer_phone")).sendKeys("555-0123-45");
        form.findElement(By.name("customer_address")).sendKeys("123 Pizza St");
        new Select(form.findElement(By.name("payment_method"))).selectByVisibleText("cash");
        new Select(form.findElement(By.id("pizza-choice"))).selectByValue("margherita");
        new Select(form.findElement(By.name("size"))).selectByVisibleText("large");
        new Select(form.findElement(By.id("topping-choice"))).selectByValue("extra_cheese");
        form.findElement(By.name("special_instructions")).sendKeys("Extra crispy");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement follow = wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Follow your order")));
        assertThat(browser.findElement(By.id("order-result")).getText()).startsWith("Order placed: ");
        follow.click();

        wait.until(ExpectedConditions.urlContains("/order.html?id="));
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status")));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "pending"));
        assertThat(cell(status, "Status")).isEqualTo("pending");
        assertThat(cell(status, "Customer")).isEqualTo("John Doe");
        assertThat(cell(status, "Pizzas")).isEqualTo("1");
        String id = browser.findElement(By.id("order-id")).getAttribute("value");
        assertThat(id).isNotBlank();

        Http.Response placed = http.get("/api/orders/" + id, "manager");
        assertThat(placed.status()).as(placed.text()).isEqualTo(200);
        assertThat(placed.json().path("customer").path("name").asString()).isEqualTo("John Doe");
        assertThat(placed.json().path("customer").path("phone").asString()).isEqualTo("555-0123-45");
        assertThat(placed.json().path("items").get(0).path("pizza_id").asString()).isEqualTo("margherita");
        assertThat(placed.json().path("items").get(0).path("size").asString()).isEqualTo("large");
        assertThat(placed.json().path("items").get(0).path("toppings").get(0).asString()).isEqualTo("extra_cheese");
        assertThat(placed.json().path("items").get(0).path("special_instructions").asString()).isEqualTo("Extra crispy");

        browser.get(base + "/staff/kitchen.html");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("chef");
        browser.findElement(By.id("password")).sendKeys("chef");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/staff/kitchen.html"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Kitchen queue"));
        WebElement ticket = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='queue']/tbody/tr[td[7] = '" + id + "']")));
        assertThat(ticket.findElement(By.xpath("td[2]")).getText()).isEqualTo("John Doe");
        assertThat(ticket.findElement(By.xpath("td[3]")).getText()).isEqualTo("pending");
        assertThat(ticket.findElement(By.xpath("td[6]")).getText()).contains("Extra crispy");
    }

    /** The value cell of the status table's row with the given heading. */
    private static String cell(WebElement table, String heading) {
        return table.findElement(By.xpath("./tbody/tr[th = '" + heading + "']/td")).getText();
    }
}
