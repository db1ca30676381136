// Shared by the browser tests: failing with a message (and the children
// killed), starting a program and waiting for a line of its output (a
// readiness signal, never a sleep), and Debian's Chromium through the pinned
// playwright-core (web_assets/package-lock.json), with no calls to the outside.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const children = [];

export function fail(message) {
  console.error(`FAIL: ${message}`);
  for (const child of children) child.kill("SIGKILL");
  process.exit(1);
}

export const expect = (condition, message) => condition || fail(message);

// Ends the test when it hangs, and on any error nobody caught.
export function guardTest(seconds) {
  process.on("unhandledRejection", (error) => fail(error?.stack ?? String(error)));
  process.on("uncaughtException", (error) => fail(error?.stack ?? String(error)));
  setTimeout(() => fail(`the browser test took longer than ${seconds} s`), seconds * 1000).unref();
}

// Starts a program and resolves with the first match of `pattern` in its output.
export function startAndWatch(argv, stream, pattern) {
  const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  child.output = "";
  return new Promise((resolve) => {
    const timer = setTimeout(() => fail(`${argv[0]} did not print ${pattern}:\n${child.output}`), 15_000);
    for (const name of ["stdout", "stderr"]) {
      child[name].on("data", (chunk) => {
        child.output += chunk;
        const match = name === stream && child.output.match(pattern);
        if (match && timer) {
          clearTimeout(timer);
          resolve({ child, match });
        }
      });
    }
  });
}

// Resolves once `child` has printed `pattern` (stdout or stderr), with the match.
export function waitForOutput(child, pattern, seconds = 15) {
  return new Promise((resolve) => {
    const found = () => child.output.match(pattern);
    if (found()) return resolve(found());
    const timer = setTimeout(() => fail(`no ${pattern} in:\n${child.output}`), seconds * 1000);
    const check = () => {
      if (!found()) return;
      clearTimeout(timer);
      child.stdout.off("data", check);
      child.stderr.off("data", check);
      resolve(found());
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
  });
}

export function killAll() {
  for (const child of children) child.kill("SIGKILL");
}

// Chromium with a fresh profile (playwright's temporary one). `extraArgs`
// adds switches, e.g. a host resolver rule.
export async function launchChromium(webAssets, extraArgs = []) {
  const chromiumPath = process.env.LOCUSTPP_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) fail(`no browser at ${chromiumPath} (Debian's chromium package)`);
  const { chromium } = await import(pathToFileURL(join(webAssets, "node_modules/playwright-core/index.mjs")));
  const browser = await chromium
    .launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", ...extraArgs],
    })
    .catch((error) => fail(`cannot start ${chromiumPath}: ${error.message}`));
  browser.executablePath = chromiumPath;
  return browser;
}
