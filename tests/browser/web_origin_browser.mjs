// The web UI against other web pages, in Debian's Chromium: while a test
// runs, pages served from another site (127.0.0.2) and from another port of
// the same host try a form post to /swarm, a text/plain form smuggling JSON
// into /user, a fetch post and <img> loads of /stop and /stats/reset; every
// one is refused and the test runs on unchanged. A name resolved to the UI
// by the attacker's DNS (a host resolver rule here) gets 403. The login
// example's form still signs in, a sign-on provider's redirect back to its
// callback from another site signs in too (the same-origin step before the
// SameSite=Strict cookie), and so does a link from another site later on.
//
// Usage: node web_origin_browser.mjs LOCUSTPP DEMO_TARGET PLUGIN_SO LOGIN_EXAMPLE_SO WEB_ASSETS_DIR ARTIFACTS_DIR
import { createServer, get } from "node:http";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { expect, fail, guardTest, killAll, launchChromium, startAndWatch } from "./browser_support.mjs";

const [locustpp, demoTarget, plugin, loginExample, webAssets, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
guardTest(100);

// A GET without Origin or Sec-Fetch-Site, as a script sends it: the test's own view of the UI.
function getJson(url) {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(JSON.parse(body)));
    }).on("error", reject);
  });
}

// The other site's pages: `attack` posts and loads what would change the
// test; `provider` plays a sign-on provider sending the browser back.
let ui = "";
const attackPage = () => `<!doctype html><title>waiting</title>
<iframe name="form-sink"></iframe><iframe name="plain-sink"></iframe>
<form id="form" method="post" action="${ui}/swarm" target="form-sink">
  <input name="user_count" value="1"><input name="spawn_rate" value="100"></form>
<form id="plain" method="post" action="${ui}/user" target="plain-sink" enctype="text/plain">
  <input name='{"user_class_name": "Other", "weight": 9, "x": "' value='"}'></form>
<script>
  const answered = new Set();
  const mark = (what) => { answered.add(what); if (answered.size === 6) document.title = "attacked"; };
  for (const [frame, form] of [["form-sink", "form"], ["plain-sink", "plain"]]) {
    document.querySelector("iframe[name=" + frame + "]").onload = () => mark(form);
    document.getElementById(form).submit();
  }
  fetch("${ui}/swarm", { method: "POST", mode: "no-cors", body: new URLSearchParams({ user_count: "1", spawn_rate: "100" }) })
    .finally(() => mark("fetch"));
  fetch("${ui}/stats/reset", { mode: "no-cors" }).finally(() => mark("fetch-reset"));
  for (const path of ["/stop", "/stats/reset"]) {
    const image = new Image();
    image.onload = image.onerror = () => mark("img " + path);
    image.src = "${ui}" + path;
  }
</script>`;
function otherSite(request, response) {
  if (request.url === "/attack") {
    response.writeHead(200, { "Content-Type": "text/html" });
    return response.end(attackPage());
  }
  if (request.url === "/provider") {
    response.writeHead(200, { "Content-Type": "text/html" });
    return response.end(`<!doctype html><a id="authorize" href="/authorize">Sign in</a>
      <a id="to-ui" href="${ui}/">The load test</a>`);
  }
  if (request.url === "/authorize") {
    response.writeHead(302, { Location: `${ui}/login/sso?code=from-the-provider` });
    return response.end();
  }
  response.writeHead(404);
  response.end();
}
const listen = (address) =>
  new Promise((resolve) => {
    const server = createServer(otherSite).listen(0, address, () =>
      resolve(`http://${address}:${server.address().port}`));
  });
const crossSite = await listen("127.0.0.2");
const sameSiteOtherPort = await listen("127.0.0.1");

const { match: target } = await startAndWatch([demoTarget, "--port", "0", "--quiet"], "stdout",
  /listening on (http:\/\/\S+)/);
const { child: runner, match: web } = await startAndWatch(
  [locustpp, "-f", plugin, "-H", target[1], "-P", "0", "--threads", "1", "--autostart", "-u", "3", "-r", "100"],
  "stderr", /Starting web interface at (http:\/\/127\.0\.0\.1:(\d+))/);
ui = web[1];

const browser = await launchChromium(webAssets, [`--host-resolver-rules=MAP attacker.example 127.0.0.1`]);
const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
const page = await context.newPage();
page.setDefaultTimeout(15_000);
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const waitText = (selector, wanted) =>
  page.waitForFunction(([s, w]) => document.querySelector(s)?.innerText === w, [selector, wanted]);

try {
  let running;
  for (let i = 0; i < 100; i++) {
    running = await getJson(`${ui}/stats/requests`);
    if (running.user_count === 3 && running.stats.at(-1).num_requests >= 50) break;
    await page.waitForTimeout(100);
  }
  expect(running.state === "running" && running.user_count === 3, `the test runs: ${running.state}`);

  for (const attacker of [crossSite, sameSiteOtherPort]) {
    const before = await getJson(`${ui}/stats/requests`);
    const answers = [];
    const record = (response) => {
      if (response.url().startsWith(ui)) answers.push(`${response.status()} ${response.url().slice(ui.length)}`);
    };
    page.on("response", record);
    await page.goto(`${attacker}/attack`);
    await page.waitForFunction(() => document.title === "attacked");
    page.off("response", record);
    answers.sort();
    expect(JSON.stringify(answers) === JSON.stringify([
      "403 /stats/reset", "403 /stats/reset", "403 /stop", "403 /swarm", "403 /swarm", "403 /user",
    ]), `every request from ${attacker} reached the UI and was refused: ${answers}`);
    const after = await getJson(`${ui}/stats/requests`);
    expect(after.state === "running" && after.user_count === 3, `still running 3 users: ${after.state} ${after.user_count}`);
    expect(after.stats.at(-1).num_requests >= before.stats.at(-1).num_requests, "the statistics were not reset");
    const tasks = await getJson(`${ui}/tasks`);
    expect(tasks.per_class.Other.ratio < 0.9, `the smuggled /user weight was not applied: ${tasks.per_class.Other.ratio}`);
  }
  await shot("11-attack-refused");

  // DNS rebinding: the attacker's name, resolved to the UI.
  const rebound = await page.goto(`http://attacker.example:${web[2]}/stats/requests`);
  expect(rebound.status() === 403, `a foreign Host name gets 403, got ${rebound.status()}`);
  expect((await page.textContent("body")).includes("is not served here"), "with the reason");
} catch (error) {
  await shot("failure-attack").catch(() => {});
  fail(error.stack ?? String(error));
}
runner.kill("SIGINT");

// The login example: its form signs in; so does its sign-on callback, when a
// provider on another site sends the browser back to it; and a link from
// another site then opens the UI without asking again.
const { match: loginWeb } = await startAndWatch(
  [locustpp, "-f", loginExample, "-H", target[1], "-P", "0", "--threads", "1", "--web-login"], "stderr",
  /Starting web interface at (http:\/\/127\.0\.0\.1:\d+)/);
ui = loginWeb[1];
try {
  await page.goto(`${ui}/login`);
  await page.fill("input[name=username]", "ann@example.com");
  await page.fill("input[name=password]", "pw");
  await page.fill("input[name=confirm_password]", "pw");
  await page.click("#custom-form button[type=submit]");
  await waitText("#state", "READY");
  await shot("12-login-form");

  const fresh = await browser.newContext();
  const provided = await fresh.newPage();
  provided.setDefaultTimeout(15_000);
  await provided.goto(`${crossSite}/provider`);
  await provided.click("#authorize");
  await provided.waitForFunction(() => document.querySelector("#state")?.innerText === "READY");
  expect(new URL(provided.url()).pathname === "/", `signed in on the UI's page: ${provided.url()}`);
  await provided.screenshot({ path: join(artifacts, "13-provider-sign-in.png"), fullPage: true });

  await provided.goto(`${crossSite}/provider`);
  await provided.click("#to-ui");
  await provided.waitForFunction(() => document.querySelector("#state")?.innerText === "READY");
  await fresh.close();
} catch (error) {
  await shot("failure-login").catch(() => {});
  fail(error.stack ?? String(error));
}

await browser.close();
killAll();
console.log(`other pages could not drive the web UI in ${browser.executablePath}; logins still work`);
process.exit(0);
