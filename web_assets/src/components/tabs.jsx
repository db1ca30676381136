// The tabs below the header other than statistics and charts: failures,
// exceptions, the current ratio of tasks, downloads and logs.
import { useEffect, useState } from "preact/hooks";
import { getJson, page, unescapeHtml, url } from "../api.js";
import { Table } from "./table.jsx";

const failureColumns = [
  { key: "occurrences", title: "# Failures", numeric: true, value: (e) => e.occurrences },
  { key: "method", title: "Method", value: (e) => e.method },
  { key: "name", title: "Name", value: (e) => unescapeHtml(e.name) },
  { key: "error", title: "Message", value: (e) => unescapeHtml(e.error) },
];

const workerColumns = [
  { key: "id", title: "Worker", value: (w) => unescapeHtml(w.id) },
  { key: "state", title: "State", value: (w) => w.state },
  { key: "user_count", title: "# users", numeric: true, value: (w) => w.user_count },
  {
    key: "cpu_usage",
    title: "CPU usage",
    numeric: true,
    value: (w) => w.cpu_usage,
    format: (cpu) => `${cpu.toFixed(1)}%`,
  },
  {
    key: "memory_usage",
    title: "Memory usage",
    numeric: true,
    value: (w) => w.memory_usage,
    format: (bytes) => `${(bytes / 1048576).toFixed(1)} MB`,
  },
];

// A master's workers, from /stats/requests (Locust's Workers tab).
export function Workers({ report }) {
  return <Table id="workers-table" columns={workerColumns} rows={report?.workers ?? []} empty="No workers" />;
}

export function Failures({ report }) {
  return <Table id="failures-table" columns={failureColumns} rows={report?.errors ?? []} empty="No failures" />;
}

const exceptionColumns = [
  { key: "count", title: "Count", numeric: true, value: (e) => e.count },
  { key: "msg", title: "Message", value: (e) => e.msg },
  { key: "traceback", title: "Traceback", value: (e) => <pre>{e.traceback}</pre> },
  { key: "nodes", title: "Nodes", value: (e) => e.nodes },
];

// Reloads `path` every time `tick` changes.
function usePolled(path, tick, initial) {
  const [data, setData] = useState(initial);
  useEffect(() => {
    getJson(path).then(setData).catch(() => {});
  }, [tick]);
  return data;
}

export function Exceptions({ tick }) {
  const data = usePolled("/exceptions", tick, { exceptions: [] });
  return <Table id="exceptions-table" columns={exceptionColumns} rows={data.exceptions} empty="No exceptions" />;
}

export function RatioTree({ tree }) {
  return (
    <ul>
      {Object.entries(tree ?? {}).map(([name, node]) => (
        <li key={name}>
          {(node.ratio * 100).toFixed(1)}% {name}
          {node.tasks && <RatioTree tree={node.tasks} />}
        </li>
      ))}
    </ul>
  );
}

export function Ratios({ tick }) {
  const data = usePolled("/tasks", tick, {});
  return (
    <div id="ratios" class="ratios">
      <div>
        <h3>Ratio per user class</h3>
        <RatioTree tree={data.per_class} />
      </div>
      <div>
        <h3>Total ratio</h3>
        <RatioTree tree={data.total} />
      </div>
    </div>
  );
}

export function Downloads() {
  const links = [
    ["/stats/requests/csv", "Download requests CSV"],
    ["/stats/requests_full_history/csv", "Download full request statistics history CSV (with --csv-full-history)"],
    ["/stats/failures/csv", "Download failures CSV"],
    ["/exceptions/csv", "Download exceptions CSV"],
    ...(page.extended_csv_files ?? []).map((file) => [file.href, file.title]),
  ];
  return (
    <ul id="downloads" class="downloads">
      {links.map(([path, title]) => (
        <li key={path}>
          <a href={url(path)}>{title}</a>
        </li>
      ))}
    </ul>
  );
}

export function Logs({ tick }) {
  const data = usePolled("/logs", tick, { master: [] });
  return <pre id="logs" class="logs">{data.master.join("\n")}</pre>;
}

// A module's tab: its columns from extended_tables, its rows from the
// extended_stats of /stats/requests.
export function ExtendedTable({ tabKey, report }) {
  const table = (page.extended_tables ?? []).find((t) => t.key === tabKey);
  const rows = (report?.extended_stats ?? []).find((stats) => stats.key === tabKey)?.data ?? [];
  const columns = (table?.structure ?? []).map((column) => ({
    key: column.key,
    title: column.title,
    numeric: rows.length > 0 && typeof rows[0][column.key] === "number",
    value: (row) => row[column.key] ?? "",
  }));
  return <Table id={`ext-table-${tabKey}`} columns={columns} rows={rows} />;
}
