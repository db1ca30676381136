// The three charts Locust shows, from the points the page collects every
// 2 s (seeded with the server's 5 s history): total requests and failures
// per second, p50/p95 response times of the last 10 s, and users.
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";

const charts = [
  {
    id: "chart-rps",
    title: "Total Requests per Second",
    series: [
      { label: "RPS", stroke: "#00ca5a", key: "rps" },
      { label: "Failures/s", stroke: "#ff6d6d", key: "fails" },
    ],
  },
  {
    id: "chart-response-times",
    title: "Response Times (ms)",
    series: [
      { label: "50th percentile", stroke: "#9966cc", key: "p50" },
      { label: "95th percentile", stroke: "#8a8a00", key: "p95" },
    ],
  },
  { id: "chart-users", title: "Number of Users", series: [{ label: "Users", stroke: "#0099ff", key: "users" }] },
];

function Chart({ spec, points, theme }) {
  const box = useRef(null);
  const plot = useRef(null);
  const data = () => [points.map((p) => p.time), ...spec.series.map((s) => points.map((p) => p[s.key]))];

  useEffect(() => {
    const text = getComputedStyle(document.body).getPropertyValue("--text").trim() || "#222";
    const grid = getComputedStyle(document.body).getPropertyValue("--line").trim() || "#ddd";
    const axis = { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid } };
    plot.current = new uPlot(
      {
        title: spec.title,
        width: box.current.clientWidth || 600,
        height: 220,
        series: [{}, ...spec.series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, spanGaps: true }))],
        axes: [axis, axis],
        scales: { x: { time: true } },
      },
      data(),
      box.current,
    );
    const resize = () => plot.current.setSize({ width: box.current.clientWidth || 600, height: 220 });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      plot.current.destroy();
    };
  }, [theme]);

  useEffect(() => {
    plot.current?.setData(data());
  }, [points]);

  return <div class="chart" id={spec.id} ref={box} />;
}

export function Charts({ points, theme }) {
  return (
    <div class="charts">
      {charts.map((spec) => (
        <Chart key={spec.id} spec={spec} points={points} theme={theme} />
      ))}
    </div>
  );
}

// A chart point from a /stats/requests answer.
export function pointOf(report) {
  const current = report.current_response_time_percentiles ?? {};
  return {
    time: Date.now() / 1000,
    rps: report.current_rps ?? 0,
    fails: report.current_fail_per_sec ?? 0,
    p50: current["response_time_percentile_0.5"] ?? null,
    p95: current["response_time_percentile_0.95"] ?? null,
    users: report.user_count ?? 0,
  };
}

// Chart points from the server's /stats/history.
export function pointsOfHistory(history) {
  return history.map((h) => ({
    time: Date.parse(h.time) / 1000,
    rps: h.current_rps[1],
    fails: h.current_fail_per_sec[1],
    p50: h["response_time_percentile_0.5"][1],
    p95: h["response_time_percentile_0.95"][1],
    users: h.user_count[1],
  }));
}
