// The built-in page (see index_page.hpp).
#include "web/index_page.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace locustpp::web {
namespace {

constexpr const char* page_head = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>locustpp</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px system-ui,sans-serif;margin:0;background:#fff;color:#222}
header{display:flex;gap:2em;align-items:center;padding:.6em 1.2em;background:#1b3a4b;color:#fff}
header b{font-size:1.2em}.metric span{display:block;font-size:.75em;opacity:.7}
main{padding:1em 1.2em}form{display:flex;gap:1em;flex-wrap:wrap;align-items:end;margin-bottom:1em}
label{display:flex;flex-direction:column;font-size:.85em}input{padding:.3em;font:inherit}
button{padding:.4em 1em;font:inherit;cursor:pointer}
table{border-collapse:collapse;width:100%}th,td{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:right}
th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}th{cursor:pointer;background:#f3f5f7}
#message{color:#a00;margin:.5em 0}
</style></head><body>
<header><b>locustpp</b>
<div class="metric"><span>STATE</span><b id="state">-</b></div>
<div class="metric"><span>USERS</span><b id="users">0</b></div>
<div class="metric"><span>RPS</span><b id="rps">0</b></div>
<div class="metric"><span>FAILURES</span><b id="fails">0%</b></div>
</header><main>
<form id="swarm">
<label>Number of users<input name="user_count" id="user_count" value="1" required></label>
<label>Ramp up (users/s)<input name="spawn_rate" id="spawn_rate" value="1" required></label>
<label>Host<input name="host" id="host" size="30"></label>
<label>Run time (e.g. 5m)<input name="run_time" id="run_time"></label>
<button type="submit" id="start">Start</button>
<button type="button" id="stop">Stop</button>
<button type="button" id="reset">Reset stats</button>
</form>
<div id="message"></div>
<table><thead><tr><th>Type</th><th>Name</th><th># Requests</th><th># Fails</th><th>Median (ms)</th>
<th>95%ile (ms)</th><th>99%ile (ms)</th><th>Average (ms)</th><th>Min (ms)</th><th>Max (ms)</th>
<th>Average size (bytes)</th><th>Current RPS</th><th>Current Failures/s</th></tr></thead>
<tbody id="rows"></tbody></table>
<p>Download: <a data-path="/stats/requests/csv">statistics CSV</a> ·
<a data-path="/stats/failures/csv">failures CSV</a> · <a data-path="/exceptions/csv">exceptions CSV</a></p>
</main>
<script>
)html";

constexpr const char* page_script = R"js(
const base = page.base_path;
const api = (path) => base + path;
const $ = (id) => document.getElementById(id);
document.querySelectorAll("a[data-path]").forEach((a) => a.href = api(a.dataset.path));
$("user_count").value = page.users; $("spawn_rate").value = page.spawn_rate; $("host").value = page.host;
const fixed = (v, d) => v === null || v === undefined ? "" : Number(v).toFixed(d);
const unescape = (s) => { const t = document.createElement("textarea"); t.innerHTML = s; return t.value; };
let sortKey = null, sortDown = false;
document.querySelectorAll("th").forEach((th, i) => th.onclick = () => {
  sortDown = sortKey === i ? !sortDown : false; sortKey = i; refresh(); });
const columns = (r) => [r.method, unescape(r.name), r.num_requests, r.num_failures, fixed(r.median_response_time, 0),
  fixed(r["response_time_percentile_0.95"], 0), fixed(r["response_time_percentile_0.99"], 0),
  fixed(r.avg_response_time, 0), r.min_response_time, r.max_response_time, fixed(r.avg_content_length, 0),
  fixed(r.current_rps, 1), fixed(r.current_fail_per_sec, 1)];
async function refresh() {
  const report = await (await fetch(api("/stats/requests"))).json();
  $("state").textContent = report.state.toUpperCase();
  $("users").textContent = report.user_count;
  $("rps").textContent = fixed(report.total_rps === 0 ? 0 : report.current_rps, 1);
  $("fails").textContent = Math.round(report.fail_ratio * 100) + "%";
  $("start").textContent = report.state === "running" || report.state === "spawning" ? "Edit" : "Start";
  const rows = report.stats.map(columns);
  const total = rows.pop();
  if (sortKey !== null) rows.sort((a, b) => {
    const x = a[sortKey], y = b[sortKey], n = Number(x) - Number(y);
    const order = isNaN(n) ? String(x).localeCompare(String(y)) : n;
    return sortDown ? -order : order; });
  rows.push(total);
  const body = $("rows"); body.replaceChildren();
  for (const row of rows) {
    const tr = document.createElement("tr");
    for (const cell of row) { const td = document.createElement("td"); td.textContent = cell; tr.appendChild(td); }
    body.appendChild(tr);
  }
}
$("swarm").onsubmit = async (event) => {
  event.preventDefault();
  const form = new URLSearchParams(new FormData($("swarm")));
  const answer = await (await fetch(api("/swarm"), {method: "POST", body: form})).json();
  $("message").textContent = answer.success ? "" : answer.message;
  refresh();
};
$("stop").onclick = async () => { await fetch(api("/stop")); refresh(); };
$("reset").onclick = async () => { await fetch(api("/stats/reset")); refresh(); };
refresh(); setInterval(refresh, 2000);
</script></body></html>
)js";

}  // namespace

std::string index_page(const page_defaults& defaults) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  out.Key("base_path");
  out.String(defaults.base_path.c_str());
  out.Key("host");
  out.String(defaults.host.c_str());
  out.Key("users");
  out.Uint64(defaults.users);
  out.Key("spawn_rate");
  out.Double(defaults.spawn_rate);
  out.EndObject();
  // "</" inside the script's JSON would end the script element: "<\/" is the same JSON.
  std::string json = buffer.GetString();
  for (std::size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 3))
    json.insert(at + 1, "\\");
  return std::string(page_head) + "const page = " + json + ";" + page_script;
}

}  // namespace locustpp::web
