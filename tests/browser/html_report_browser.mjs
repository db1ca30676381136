// The HTML report renders whatever the data holds: a real run of the
// report_markup test plugin (a request name, an exception, a tab title, a
// column and a row carrying "<!--<script>" and "</script>") writes --html,
// and Chromium, with the network cut, shows every section of it with that
// text as text. Such markup in the data once left the report blank.
//
// Usage: node html_report_browser.mjs LOCUSTPP DEMO_TARGET PLUGIN_SO WEB_ASSETS_DIR ARTIFACTS_DIR
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { expect, fail, guardTest, killAll, launchChromium, startAndWatch } from "./browser_support.mjs";

const [locustpp, demoTarget, plugin, webAssets, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
guardTest(60);
const markup = "<!--<script>x</script>";

const { match: target } = await startAndWatch([demoTarget, "--port", "0", "--quiet"], "stdout",
  /listening on (http:\/\/\S+)/);
const reportPath = join(artifacts, "markup-report.html");
rmSync(reportPath, { force: true });
await startAndWatch(
  [locustpp, "-f", plugin, "-H", target[1], "--headless", "-u", "1", "-r", "10", "-t", "2s", "--threads", "1",
   "--html", reportPath], "stderr", /HTML report written to/);

const browser = await launchChromium(webAssets);
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(10_000);
const scriptErrors = [];
page.on("pageerror", (error) => scriptErrors.push(error.message));
const textOf = (selector) => page.locator(selector).innerText();
try {
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(reportPath).href);
  await page.waitForSelector("#report-requests #stats-table");
  const names = await page.$$eval("#report-requests tbody tr", (rows) => rows.map((r) => r.cells[1].innerText));
  expect(names.includes(`/name${markup}`) && names[names.length - 1] === "Aggregated", `request rows: ${names}`);
  const percentileNames = await page.$$eval("#report-response-times tbody tr", (rows) =>
    rows.map((r) => r.cells[1].innerText));
  expect(percentileNames.includes(`/name${markup}`), `response time rows: ${percentileNames}`);
  expect((await textOf("#report-exceptions")).includes(`exception ${markup} & `),
    `the exception's text: ${await textOf("#report-exceptions")}`);
  expect((await page.locator("#report-failures").count()) === 1, "the failures section is there");
  expect((await page.locator("#report-charts canvas").count()) === 3, "the report draws its three charts");
  expect((await textOf("#report-tasks")).includes("MarkupUser"), "the task ratios are there");
  expect((await textOf("#report-ext-markup h2")) === `tab ${markup}`, "the tab's title is text");
  const tab = await textOf("#report-ext-markup");
  expect(tab.includes(`column ${markup}`) && tab.includes(`row ${markup}`), `the tab's column and row: ${tab}`);
  expect(scriptErrors.length === 0, `the report's script failed: ${scriptErrors}`);
  await page.screenshot({ path: join(artifacts, "markup-report.png"), fullPage: true });
} catch (error) {
  await page.screenshot({ path: join(artifacts, "failure-markup-report.png"), fullPage: true }).catch(() => {});
  fail(error.stack ?? String(error));
}
await browser.close();
killAll();
console.log(`the report with markup in its data renders in ${browser.executablePath}`);
