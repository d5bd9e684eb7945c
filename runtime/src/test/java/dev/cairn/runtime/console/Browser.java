package dev.cairn.runtime.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through its chromedriver (never Selenium Manager). Without them
 * the browser tests skip with the reason, unless {@code CAIRN_REQUIRE_BROWSER=true} (CI) makes that
 * a failure.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** Starts a headless browser, or skips (fails in CI) when it is not installed. */
  static WebDriver start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String reason =
          "browser tests need Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "): apt-get install -y chromium chromium-driver";
      if (Boolean.parseBoolean(System.getenv("CAIRN_REQUIRE_BROWSER"))) {
        Assertions.fail(reason + " (CAIRN_REQUIRE_BROWSER=true)");
      }
      System.err.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return driver;
  }

  /**
   * Saves a screenshot to the folder named by {@code CAIRN_CONSOLE_SCREENSHOTS} (relative paths
   * from the repository root); nothing when unset, so test runs leave the tree clean.
   */
  static void screenshot(WebDriver driver, String name) {
    String folder = System.getenv("CAIRN_CONSOLE_SCREENSHOTS");
    if (folder == null || folder.isBlank()) {
      return;
    }
    Path dir = Path.of(folder);
    if (!dir.isAbsolute()) {
      Path cwd = Path.of("").toAbsolutePath();
      Path root = cwd.getFileName().toString().equals("runtime") ? cwd.getParent() : cwd;
      dir = root.resolve(folder);
    }
    try {
      Files.createDirectories(dir);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(),
          dir.resolve(name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }
}
