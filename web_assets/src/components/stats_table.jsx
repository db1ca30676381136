// The statistics table of /stats/requests, sortable, Aggregated last.
import { unescapeHtml } from "../api.js";
import { ms, round } from "../format.js";
import { Table } from "./table.jsx";

const columns = [
  { key: "method", title: "Type", value: (r) => r.method },
  { key: "name", title: "Name", value: (r) => unescapeHtml(r.name) },
  { key: "requests", title: "# Requests", numeric: true, value: (r) => r.num_requests },
  { key: "fails", title: "# Fails", numeric: true, value: (r) => r.num_failures },
  { key: "median", title: "Median (ms)", numeric: true, value: (r) => r.median_response_time, format: ms },
  { key: "p95", title: "95%ile (ms)", numeric: true, value: (r) => r["response_time_percentile_0.95"], format: ms },
  { key: "p99", title: "99%ile (ms)", numeric: true, value: (r) => r["response_time_percentile_0.99"], format: ms },
  { key: "avg", title: "Average (ms)", numeric: true, value: (r) => r.avg_response_time, format: ms },
  { key: "min", title: "Min (ms)", numeric: true, value: (r) => r.min_response_time },
  { key: "max", title: "Max (ms)", numeric: true, value: (r) => r.max_response_time },
  { key: "size", title: "Average size (bytes)", numeric: true, value: (r) => r.avg_content_length, format: round },
  { key: "rps", title: "Current RPS", numeric: true, value: (r) => r.current_rps, format: (v) => round(v, 1) },
  {
    key: "fps",
    title: "Current Failures/s",
    numeric: true,
    value: (r) => r.current_fail_per_sec,
    format: (v) => round(v, 1),
  },
];

export function StatsTable({ report }) {
  const rows = report?.stats ?? [];
  return <Table id="stats-table" columns={columns} rows={rows.slice(0, -1)} footer={rows[rows.length - 1]} />;
}
