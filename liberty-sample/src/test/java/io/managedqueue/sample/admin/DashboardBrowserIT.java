package io.managedqueue.sample.admin;

import static io.managedqueue.sample.admin.AdminClient.PLUGIN;
import static io.managedqueue.sample.admin.AdminClient.QUEUE;
import static io.managedqueue.sample.admin.AdminClient.awaitState;
import static io.managedqueue.sample.admin.AdminClient.get;
import static io.managedqueue.sample.admin.AdminClient.notification;
import static io.managedqueue.sample.admin.AdminClient.queueParams;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.managedqueue.sample.admin.AdminClient.User;

/**
 * The dashboard in a real browser (headless Chromium from the Debian packages {@code chromium}
 * and {@code chromium-driver}): the operator logs in, finds a failed job, retries it and sees it
 * COMPLETED, pauses and resumes a queue. Skipped when the browser is missing, except under
 * {@code CI=true}, where that fails the build.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("sample.screenshotDir", "target/screenshots"));

    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but no browser: install the Debian packages chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + ")");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": the browser test is skipped");
        AdminClient.awaitServer();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1200", "--no-first-run", "--disable-extensions");
        // the driver named explicitly: Selenium Manager then downloads nothing
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, AdminClient.seconds(30), Duration.ofMillis(100));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void operatorRetriesAFailedJobAndPausesAndResumesAQueue() throws IOException {
        // attempts = 5 refusals: FAILED after its last attempt; a retry gets fresh attempts and succeeds
        String jobId = notification("acme", 0, 5);
        awaitState(jobId, "FAILED");

        // basic authentication in the URL: Chromium answers the server's challenge with it and
        // keeps it for the page's own requests to the same realm
        browser.get(AdminClient.BASE.replace("://", "://operator:operator-secret@") + "/managed-queue/");
        String queueRow = "#queues tr[data-queue='" + PLUGIN + "|" + QUEUE + "']";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(queueRow)));
        assertThat(browser.findElement(By.id("me")).getText()).contains("operator");

        // the failed job, listed with its error
        String jobRow = "#jobs tr[data-job-id='" + jobId + "']";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(jobRow)));
        assertThat(browser.findElement(By.cssSelector(jobRow + " td.error")).getText()).contains("simulated failure");
        click(jobRow + " [data-action=detail]");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#job-detail [data-field=state]"), "FAILED"));
        screenshot("dashboard-failed-job.png");

        click("#job-detail [data-action=retry]");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#job-detail [data-field=state]"), "COMPLETED"));
        assertThat(browser.findElement(By.cssSelector("#job-detail [data-field=attempts]")).getText())
                .as("attempts reset by the retry").startsWith("1 of");
        screenshot("dashboard-retried-job.png");

        click(queueRow + " button[data-action=pause]");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(queueRow + " [data-role=paused]")));
        assertThat(get(User.OPERATOR, "queue?" + queueParams()).json().getBoolean("paused")).isTrue();
        screenshot("dashboard-paused-queue.png");

        click(queueRow + " button[data-action=resume]");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(queueRow + " button[data-action=pause]")));
        assertThat(browser.findElements(By.cssSelector(queueRow + " [data-role=paused]"))).isEmpty();
        assertThat(get(User.OPERATOR, "queue?" + queueParams()).json().getBoolean("paused")).isFalse();
        screenshot("dashboard.png");
    }

    /** Clicks, again if the refresh replaced the element between finding and clicking it. */
    private static void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
