// The REST API the page uses: Locust's routes under the base path.
export const page = window.templateArgs ?? {};
const base = page.base_path ?? "";

export const url = (path) => base + path;

export async function getJson(path) {
  const response = await fetch(url(path), { cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export async function get(path) {
  const response = await fetch(url(path), { cache: "no-store" });
  return response.text();
}

// POST a form as Locust's /swarm expects it (urlencoded, repeated names for lists).
export async function postForm(path, fields) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) value.forEach((item) => body.append(name, item));
    else if (value !== undefined && value !== null) body.append(name, String(value));
  }
  const response = await fetch(url(path), { method: "POST", body });
  return response.json();
}

// Locust escapes names and errors in /stats/requests; show them as text.
export function unescapeHtml(text) {
  const area = document.createElement("textarea");
  area.innerHTML = text ?? "";
  return area.value;
}
