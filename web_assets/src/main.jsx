// locustpp's web UI: the header with the test's state and controls, the
// start/edit form, and the tabs. Everything comes from the REST API, polled
// every 2 s, as Locust's page does.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { get, getJson, page } from "./api.js";
import { percent, round } from "./format.js";
import { Charts, pointOf, pointsOfHistory } from "./components/charts.jsx";
import { StartForm } from "./components/start_form.jsx";
import { StatsTable } from "./components/stats_table.jsx";
import { Report } from "./components/report.jsx";
import { Downloads, Exceptions, ExtendedTable, Failures, Logs, Ratios, Workers } from "./components/tabs.jsx";

const refreshMs = 2000;
const maxPoints = 1800; // an hour of 2 s points

// Modules' tabs (extended_tabs) come after the built-in ones.
const tabs = [
  ["statistics", "Statistics"],
  ["charts", "Charts"],
  ["failures", "Failures"],
  ["exceptions", "Exceptions"],
  ["ratios", "Current ratio"],
  ["downloads", "Download data"],
  ["logs", "Logs"],
  ...(page.is_distributed ? [["workers", "Workers"]] : []),
  ...(page.extended_tabs ?? []).map((tab) => [`ext-${tab.key}`, tab.title]),
];

function initialTheme() {
  const saved = localStorage.getItem("locustpp-theme");
  if (saved) return saved;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function App() {
  const [report, setReport] = useState(null);
  const [points, setPoints] = useState([]);
  const [tab, setTab] = useState("statistics");
  const [form, setForm] = useState(page.state === "ready");
  const [tick, setTick] = useState(0);
  const [theme, setTheme] = useState(initialTheme());

  const refresh = async () => {
    try {
      const answer = await getJson("/stats/requests");
      setReport(answer);
      if (answer.state !== "ready" && answer.state !== "stopped") {
        setPoints((now) => [...now, pointOf(answer)].slice(-maxPoints));
      }
    } catch {
      // the server is gone or restarting: keep what is shown
    }
    setTick((t) => t + 1);
  };

  useEffect(() => {
    getJson("/stats/history")
      .then((history) => setPoints(pointsOfHistory(history)))
      .catch(() => {});
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    document.body.dataset.theme = theme;
    localStorage.setItem("locustpp-theme", theme);
  }, [theme]);

  const state = report?.state ?? page.state ?? "ready";
  const running = state === "running" || state === "spawning";
  const stop = async () => {
    await get("/stop");
    refresh();
  };
  const reset = async () => {
    await get("/stats/reset");
    setPoints([]);
    refresh();
  };

  return (
    <>
      <header>
        <b class="brand">locustpp</b>
        <div class="metric">
          <span>HOST</span>
          <b id="host-shown">{page.host || "(the classes' own)"}</b>
        </div>
        <div class="metric">
          <span>STATUS</span>
          <b id="state">{state.toUpperCase()}</b>
        </div>
        <div class="metric">
          <span>USERS</span>
          <b id="user-count">{report?.user_count ?? 0}</b>
        </div>
        <div class="metric">
          <span>RPS</span>
          <b id="rps">{round(report?.current_rps ?? 0, 1)}</b>
        </div>
        <div class="metric">
          <span>FAILURES</span>
          <b id="fail-ratio">{percent(report?.fail_ratio)}</b>
        </div>
        <div class="controls">
          <button id="new-test" onClick={() => setForm(true)}>
            {running ? "Edit" : "New"}
          </button>
          {running && (
            <button id="stop" class="danger" onClick={stop}>
              Stop
            </button>
          )}
          <button id="reset" onClick={reset}>
            Reset
          </button>
          <button id="theme" title="Light or dark" onClick={() => setTheme(theme === "dark" ? "light" : "dark")}>
            {theme === "dark" ? "☀" : "☾"}
          </button>
        </div>
      </header>
      {form && (
        <StartForm
          running={running}
          onDone={() => {
            setForm(false);
            refresh();
          }}
        />
      )}
      <nav>
        {tabs.map(([key, title]) => (
          <button key={key} id={`tab-${key}`} class={tab === key ? "active" : ""} onClick={() => setTab(key)}>
            {title}
          </button>
        ))}
      </nav>
      <main>
        {tab === "statistics" && <StatsTable report={report} />}
        {tab === "charts" && <Charts points={points} theme={theme} />}
        {tab === "failures" && <Failures report={report} />}
        {tab === "exceptions" && <Exceptions tick={tick} />}
        {tab === "ratios" && <Ratios tick={tick} />}
        {tab === "downloads" && <Downloads />}
        {tab === "logs" && <Logs tick={tick} />}
        {tab === "workers" && <Workers report={report} />}
        {tab.startsWith("ext-") && <ExtendedTable tabKey={tab.slice(4)} report={report} />}
      </main>
    </>
  );
}

if (page.is_report) {
  document.body.dataset.theme = page.theme === "dark" ? "dark" : "light";
  render(<Report />, document.getElementById("app"));
} else {
  render(<App />, document.getElementById("app"));
}
