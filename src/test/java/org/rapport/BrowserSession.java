package org.rapport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests (classes named {@code *BrowserTest}, run by
 * failsafe in {@code verify}). Uses the system's {@code chromium} and
 * {@code chromedriver} (Debian packages {@code chromium} and {@code chromium-driver}),
 * never downloads a browser. When they are missing the test fails and says what to
 * install; {@code -Dbrowser.tests=false} skips browser tests instead.
 */
public final class BrowserSession implements AutoCloseable {

	public static final Dimension LAPTOP = new Dimension(1366, 900);

	public static final Dimension TABLET = new Dimension(820, 1180);

	static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private BrowserSession(ChromeDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	/** Starts a fresh browser (own profile, no cookies) against the given server. */
	public static BrowserSession open(String baseUrl) {
		Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("browser.tests")),
				"browser tests switched off with -Dbrowser.tests=false");
		Path chromium = executable("RAPPORT_CHROMIUM", "/usr/bin/chromium");
		Path chromedriver = executable("RAPPORT_CHROMEDRIVER", "/usr/bin/chromedriver");
		try {
			Path profile = Files.createTempDirectory("rapport-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--user-data-dir=" + profile.toAbsolutePath(), "--lang=en-US",
					"--window-size=" + LAPTOP.width + "," + LAPTOP.height);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new BrowserSession(driver, profile, baseUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path executable(String environment, String standard) {
		String configured = System.getenv(environment);
		Path path = Paths.get(configured == null || configured.isBlank() ? standard : configured);
		if (!Files.isExecutable(path)) {
			Assertions.fail(path + " is missing. Browser tests need Chromium and its driver: "
					+ "`sudo apt-get install -y chromium chromium-driver` (or set " + environment
					+ "), or skip them with -Dbrowser.tests=false.");
		}
		return path;
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public boolean isPresent(String css) {
		return !this.driver.findElements(By.cssSelector(css)).isEmpty();
	}

	/**
	 * Waits for a condition; an element replaced by an htmx swap while the condition
	 * reads it is looked up again on the next poll instead of failing the wait.
	 */
	public <T> T await(ExpectedCondition<T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** Signs in through the login form and waits for the dashboard. */
	public void signIn(String username, String password) {
		go("/login");
		find("#username").sendKeys(username);
		find("#password").sendKeys(password);
		find("#sign-in").click();
		await((d) -> d.findElements(By.id("current-user")).isEmpty() ? null : true);
	}

	public void resize(Dimension size) {
		this.driver.manage().window().setSize(size);
	}

	/** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

}
