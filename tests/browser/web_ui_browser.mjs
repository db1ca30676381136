// The web UI in a real browser: Debian's Chromium driven by the pinned
// playwright-core (web_assets/package-lock.json), against a real locustpp
// and the demo target on loopback. Starts, edits, stops, resets and restarts
// a test from the page, sorts the table, watches the charts fill, sets a
// module's arguments in the form, downloads a CSV and switches to the dark
// theme. Screenshots go to the artifacts folder.
//
// Usage: node web_ui_browser.mjs LOCUSTPP DEMO_TARGET PLUGIN_SO WEB_ASSETS_DIR ARTIFACTS_DIR
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { expect, fail, guardTest, killAll, launchChromium, startAndWatch, waitForOutput } from "./browser_support.mjs";

const [locustpp, demoTarget, plugin, webAssets, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
guardTest(100);

const { match: target } = await startAndWatch([demoTarget, "--port", "0", "--quiet"], "stdout",
  /listening on (http:\/\/\S+)/);
const reportPath = join(artifacts, "report.html");
rmSync(reportPath, { force: true });
const { child: runner, match: web } = await startAndWatch(
  [locustpp, "-f", plugin, "-H", target[1], "-P", "0", "--threads", "1", "--html", reportPath], "stderr",
  /Starting web interface at (http:\/\/127\.0\.0\.1:\d+)/);
const base = web[1];

const browser = await launchChromium(webAssets);
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(15_000);
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const text = (selector) => page.locator(selector).innerText();
const waitText = (selector, wanted) =>
  page.waitForFunction(([s, w]) => document.querySelector(s)?.innerText === w, [selector, wanted]);

// Everything the page needs comes from locustpp: any other request fails the test.
const outside = [];
await page.route("**/*", (route) => {
  const wanted = route.request().url();
  if (wanted.startsWith(base) || wanted.startsWith("file:")) return route.continue();
  outside.push(wanted);
  return route.abort();
});

try {
  // Ready: the start form waits, with the module's arguments.
  await page.goto(base);
  await waitText("#state", "READY");
  expect(await page.locator("#start-form").isVisible(), "the start form shows while ready");
  expect(await page.locator("#arg-api_token").getAttribute("type") === "password", "a secret is a password field");
  expect(await page.locator("#arg-api_token").inputValue() === "", "a secret's value never reaches the page");
  expect(await page.locator("#arg-not_in_ui").count() === 0, "include_in_web_ui=False stays out of the form");
  await shot("01-ready");

  // Start with 3 users and a module argument from the form.
  await page.fill("#user_count", "3");
  await page.fill("#spawn_rate", "10");
  await page.selectOption("#arg-greeting", "hola");
  await page.fill("#arg-api_token", "typed-in-the-form");
  await page.click("#submit-start");
  await waitText("#state", "RUNNING");
  await waitText("#user-count", "3");
  await waitForOutput(runner, /test_start greeting=hola token-length=17/, 5); // the form's arguments reach the module

  // The table fills; sorting by # Requests puts the busiest name last, Aggregated stays at the bottom.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("#stats-table tbody tr")];
    const total = rows[rows.length - 1];
    return total && total.cells[1].innerText === "Aggregated" && Number(total.cells[2].innerText) > 50;
  });
  await page.click("#stats-table th:nth-child(3)");
  const counts = await page.$$eval("#stats-table tbody tr:not(.total)", (rows) =>
    rows.map((r) => Number(r.cells[2].innerText)));
  expect(counts.length >= 2 && counts.every((c, i) => i === 0 || counts[i - 1] <= c), `sorted ascending: ${counts}`);
  expect((await text("#stats-table tbody tr:last-child td:nth-child(2)")) === "Aggregated", "Aggregated last");
  await shot("02-running-statistics");

  // A module's tab shows the rows it publishes.
  await page.click("#tab-ext-names");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("#ext-table-names tbody tr")].some((r) => r.cells[0].innerText === "/"));
  await shot("02b-module-tab");

  // Charts fill every 2 s: wait until the requests-per-second line (#00ca5a) is drawn.
  await page.click("#tab-charts");
  await page.waitForFunction(() => {
    const canvas = document.querySelector("#chart-rps canvas");
    if (!canvas || canvas.width === 0) return false;
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let line = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 200 && r < 40 && Math.abs(g - 0xca) < 40 && Math.abs(b - 0x5a) < 40) line++;
    }
    return line > 20;
  }, null, { polling: 250 });
  const plotted = await page.evaluate(() => document.querySelectorAll(".chart canvas").length);
  expect(plotted === 3, `three charts drawn, got ${plotted}`);
  await shot("03-charts");

  // Edit the running test.
  await page.click("#new-test");
  await page.fill("#user_count", "1");
  await page.click("#submit-start");
  await waitText("#user-count", "1");

  // Stop: the statistics stay.
  await page.click("#stop");
  await waitText("#state", "STOPPED");
  await page.click("#tab-statistics");
  const kept = Number(await text("#stats-table tbody tr:last-child td:nth-child(3)"));
  expect(kept > 50, `statistics kept after the stop: ${kept}`);
  await shot("04-stopped");

  // Download the statistics CSV.
  await page.click("#tab-downloads");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#downloads a[href$='/stats/requests/csv']"),
  ]);
  expect(download.suggestedFilename().startsWith("Locust_"), `download name ${download.suggestedFilename()}`);
  const csvPath = join(artifacts, download.suggestedFilename());
  await download.saveAs(csvPath);
  const csv = readFileSync(csvPath, "utf8");
  expect(csv.startsWith("Type,Name,Request Count,Failure Count"), "the CSV has Locust's header");
  expect(csv.includes(`,Aggregated,${kept},`), `the CSV holds what the page showed (${kept})`);

  // Reset clears the table.
  await page.click("#tab-statistics");
  await page.click("#reset");
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("#stats-table tbody tr")];
    return rows.length === 1 && rows[0].cells[2].innerText === "0";
  });

  // Restart from the page, in the dark theme.
  await page.click("#theme");
  await page.waitForFunction(() => document.body.dataset.theme === "dark");
  await page.click("#new-test");
  await page.click("#submit-start");
  await waitText("#state", "RUNNING");
  await page.click("#tab-logs");
  await page.waitForFunction(() => document.querySelector("#logs")?.innerText.includes("Starting web interface"));
  await page.click("#tab-statistics");
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("#stats-table tbody tr")];
    const total = rows[rows.length - 1];
    return total && total.cells[1].innerText === "Aggregated" && Number(total.cells[2].innerText) > 0;
  });
  await shot("05-dark-restarted");
  await page.click("#stop");
  await waitText("#state", "STOPPED");

  // A refused start shows the server's message.
  await page.click("#new-test");
  await page.fill("#user_count", "many");
  await page.click("#submit-start");
  await waitText("#form-message", "invalid value for --users: 'many' (expected an integer >= 0), from the web UI");
  await shot("06-refused");
} catch (error) {
  await shot("failure").catch(() => {});
  fail(error.stack ?? String(error));
}
expect(outside.length === 0, `the page asked for something outside locustpp: ${outside}`);
await page.unroute("**/*");
runner.kill("SIGINT");
const code = await new Promise((resolve) => runner.on("exit", resolve));

// The --html report, written at quit, opens offline: every request the page
// could make outside the file is refused.
try {
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(reportPath).href);
  await page.waitForSelector("#report-requests #stats-table");
  const reported = await page.$$eval("#report-requests tbody tr", (rows) => rows.map((r) => r.cells[1].innerText));
  expect(reported.includes("/") && reported[reported.length - 1] === "Aggregated", `report rows: ${reported}`);
  expect((await page.locator("#report-charts canvas").count()) === 3, "the report draws its three charts");
  const points = await page.evaluate(() => window.templateArgs.history.length);
  expect(points >= 1, `the report's charts have points: ${points}`);
  expect((await page.locator("#report-ext-names").count()) === 1, "the report has the module's tab");
  await shot("09-report");
  await page.unroute("**/*");
} catch (error) {
  await shot("failure-report").catch(() => {});
  fail(error.stack ?? String(error));
}

// With --web-auth the page sends the browser to the login page; a wrong
// password is refused with a message, the right one opens the UI.
const { child: guarded, match: guardedWeb } = await startAndWatch(
  [locustpp, "-f", plugin, "-H", target[1], "-P", "0", "--threads", "1", "--web-auth", "admin:s3cret"], "stderr",
  /Starting web interface at (http:\/\/127\.0\.0\.1:\d+)/);
try {
  await page.goto(guardedWeb[1]);
  await page.waitForURL(/\/login$/);
  await page.fill("#username", "admin");
  await page.fill("#password", "wrong");
  await page.click("#login");
  await waitText("#login-message", "Invalid username or password");
  await shot("07-login-refused");
  await page.fill("#username", "admin");
  await page.fill("#password", "s3cret");
  await page.click("#login");
  await waitText("#state", "READY");
  await shot("08-logged-in");
} catch (error) {
  await shot("failure-login").catch(() => {});
  fail(error.stack ?? String(error));
}
guarded.kill("SIGINT");

// A master shows its workers in a Workers tab: id, state, users, CPU, memory.
const { child: master, match: masterPort } = await startAndWatch(
  [locustpp, "-f", plugin, "-H", target[1], "-P", "0", "--master", "--master-bind-host", "127.0.0.1",
   "--master-bind-port", "0"], "stderr", /Master listening for workers on 127\.0\.0\.1:(\d+)/);
const masterWeb = (await waitForOutput(master, /Starting web interface at (http:\/\/127\.0\.0\.1:\d+)/))[1];
await startAndWatch([locustpp, "-f", plugin, "--worker", "--master-port", masterPort[1]], "stderr",
  /Connected to the master as worker 0/);
try {
  await page.goto(masterWeb);
  await page.click("#tab-workers");
  await page.waitForFunction(() => document.querySelector("#workers-table tbody tr")?.innerText.includes("ready"));
  const cells = await page.$$eval("#workers-table tbody tr td", (tds) => tds.map((td) => td.innerText));
  expect(cells.length === 5 && cells[2] === "0" && /%$/.test(cells[3]) && / MB$/.test(cells[4]),
    `the workers table: ${cells}`);
  await shot("10-workers");
} catch (error) {
  await shot("failure-workers").catch(() => {});
  fail(error.stack ?? String(error));
}
master.kill("SIGINT");

await browser.close();
killAll();
expect(code === 0, `locustpp exit code ${code}:\n${runner.output}`);
console.log(`web UI passed in ${browser.executablePath}; screenshots in ${artifacts}`);
