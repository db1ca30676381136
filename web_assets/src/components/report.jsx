// The HTML report (--html, /stats/report): the same tables and charts as
// the page, from data written into the file, so it opens offline.
import { page, unescapeHtml } from "../api.js";
import { ms } from "../format.js";
import { Charts, pointsOfHistory } from "./charts.jsx";
import { StatsTable } from "./stats_table.jsx";
import { ExtendedTable, Failures, RatioTree } from "./tabs.jsx";
import { Table } from "./table.jsx";

const percentileColumns = (fractions) => [
  { key: "method", title: "Method", value: (r) => r.method },
  { key: "name", title: "Name", value: (r) => unescapeHtml(r.name) },
  ...fractions.map((f) => ({
    key: String(f),
    title: `${f * 100}%ile (ms)`,
    numeric: true,
    value: (r) => r[String(f)],
    format: ms,
  })),
];

const exceptionColumns = [
  { key: "count", title: "Count", numeric: true, value: (e) => e.count },
  { key: "msg", title: "Message", value: (e) => e.msg },
  { key: "traceback", title: "Traceback", value: (e) => <pre>{e.traceback}</pre> },
  { key: "nodes", title: "Nodes", value: (e) => e.nodes },
];

function Section({ id, title, children }) {
  return (
    <section id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Report() {
  const report = page.requests ?? { stats: [], errors: [] };
  const fractions = page.report_percentiles ?? [];
  return (
    <>
      <header>
        <b class="brand">locustpp test report</b>
        <div class="metric">
          <span>DURATION</span>
          <b>
            {page.start_time} – {page.end_time} ({page.duration})
          </b>
        </div>
        <div class="metric">
          <span>HOST</span>
          <b>{page.host || "(the classes' own)"}</b>
        </div>
        <div class="metric">
          <span>SCRIPT</span>
          <b>{page.locustfile}</b>
        </div>
      </header>
      <main class="report">
        <Section id="report-requests" title="Request Statistics">
          <StatsTable report={report} />
        </Section>
        <Section id="report-response-times" title="Response Time Statistics">
          <Table columns={percentileColumns(fractions)} rows={page.response_time_statistics ?? []} />
        </Section>
        <Section id="report-failures" title="Failures Statistics">
          <Failures report={report} />
        </Section>
        <Section id="report-exceptions" title="Exceptions Statistics">
          <Table columns={exceptionColumns} rows={page.exceptions?.exceptions ?? []} empty="No exceptions" />
        </Section>
        <Section id="report-charts" title="Charts">
          <Charts points={pointsOfHistory(page.history ?? [])} theme={page.theme} />
        </Section>
        <Section id="report-tasks" title="Final ratio">
          <div class="ratios">
            <div>
              <h3>Ratio per user class</h3>
              <RatioTree tree={page.tasks?.per_class} />
            </div>
            <div>
              <h3>Total ratio</h3>
              <RatioTree tree={page.tasks?.total} />
            </div>
          </div>
        </Section>
        {(page.extended_tabs ?? []).map((tab) => (
          <Section key={tab.key} id={`report-ext-${tab.key}`} title={tab.title}>
            <ExtendedTable tabKey={tab.key} report={report} />
          </Section>
        ))}
      </main>
    </>
  );
}
