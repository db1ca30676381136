// A sortable table: columns [{key, title, value(row), numeric}], rows, an
// optional last row kept at the bottom (Aggregated).
import { useState } from "preact/hooks";

export function Table({ columns, rows, footer, id, empty = "Nothing yet" }) {
  const [sort, setSort] = useState({ key: null, down: false });
  const sorted = [...rows];
  if (sort.key !== null) {
    const column = columns.find((c) => c.key === sort.key);
    sorted.sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = column.numeric ? Number(x) - Number(y) : String(x).localeCompare(String(y));
      return sort.down ? -order : order;
    });
  }
  const clicked = (key) => setSort((now) => ({ key, down: now.key === key ? !now.down : false }));
  const all = footer ? [...sorted, footer] : sorted;
  return (
    <table id={id}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} class={column.numeric ? "num" : ""} onClick={() => clicked(column.key)}>
              {column.title}
              {sort.key === column.key ? (sort.down ? " ▼" : " ▲") : ""}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {all.length === 0 && (
          <tr>
            <td colSpan={columns.length} class="empty">
              {empty}
            </td>
          </tr>
        )}
        {all.map((row, index) => (
          <tr key={index} class={row === footer ? "total" : ""}>
            {columns.map((column) => (
              <td key={column.key} class={column.numeric ? "num" : ""}>
                {column.format ? column.format(column.value(row)) : column.value(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
