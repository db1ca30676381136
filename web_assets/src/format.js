// Number formats of the tables.
export const round = (value, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? "" : Number(value).toFixed(digits);

export const percent = (ratio) => `${Math.round((ratio ?? 0) * 100)}%`;

// Response times below 10 ms keep two decimals: they are exact, and a load tester on
// loopback sees sub-millisecond times.
export const ms = (value) => {
  if (value === null || value === undefined) return "";
  return value < 10 ? Number(value).toFixed(2) : Number(value).toFixed(0);
};
