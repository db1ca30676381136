"""Reads what locustpp wrote about hostile text the way Python programs read
it, and checks every field round-trips.

usage: text_safety_check.py CSV_PREFIX HOSTILE_HEX JSON_OUTPUT HTML_REPORT STDERR

The run (text_safety_test.cpp, plugin hostile_text.cpp) put HOSTILE_HEX's
bytes into request names, a request type, failure texts and an exception.
Every CSV file is read with the csv module from a file opened with
encoding="utf-8" and errors="strict" (as Locust's users read Locust's CSVs):
each field must equal the text given, decoded by Python itself with "replace"
(U+FFFD for what is not UTF-8) and without NUL. The --json output and the
HTML report's data must be strict UTF-8 JSON holding the same texts (NUL
kept there, JSON escapes it); stderr must be strict UTF-8 without control
characters other than its line ends. Exits 0 when all holds, else 1 with an
AssertionError saying what differed.
"""
import csv
import html
import json
import sys
import unicodedata

HOSTILE_STATUS_ERROR = "BadStatusLine('HTTP/1.1 abc \\x1b[31m \ufffd \ufffd \ufffd end')"


def csv_text(raw):
    """What a CSV field holds for `raw`: Python's own "replace" decoding, NUL dropped."""
    return raw.decode("utf-8", "replace").replace("\0", "")


def json_text(raw):
    return raw.decode("utf-8", "replace")


def host_repr(raw):
    """locustpp's python_repr (error_text.cpp) of `raw`: Python's repr for
    ASCII (quote choice, backslash escapes), other bytes as they are."""
    quote = b'"' if b"'" in raw and b'"' not in raw else b"'"
    out = bytearray(quote)
    for byte in raw:
        char = bytes([byte])
        if char in (b"\\", quote):
            out += b"\\" + char
        elif char in (b"\r", b"\n", b"\t"):
            out += {b"\r": b"\\r", b"\n": b"\\n", b"\t": b"\\t"}[char]
        elif byte < 0x20 or byte == 0x7F:
            out += b"\\x%02x" % byte
        else:
            out += char
    return bytes(out + quote)


def read_rows(path):
    with open(path, encoding="utf-8", errors="strict", newline="") as file:
        rows = list(csv.reader(file, strict=True))
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=True)) for row in body]


def expect(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what.split("\n")[0])


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)


def main(prefix, hostile_hex, json_output, html_report, stderr_file):
    raw = bytes.fromhex(hostile_hex)
    names = {
        ("GET", b"/ok " + raw),
        ("GET", b"caught " + raw),
        (b"TYPE " + raw, b"fired " + raw),
        ("GET", b"/hostile-status"),
    }
    as_csv = {tuple(csv_text(part) if isinstance(part, bytes) else part for part in name) for name in names}
    as_json = {tuple(json_text(part) if isinstance(part, bytes) else part for part in name) for name in names}

    stats = read_rows(prefix + "_stats.csv")
    seen = {(row["Type"], row["Name"]) for row in stats}
    expect(seen == as_csv | {("", "Aggregated")}, f"_stats.csv names round-trip\n{seen!r}\n{as_csv!r}")

    failures = read_rows(prefix + "_failures.csv")
    seen = {(row["Method"], row["Name"], row["Error"]) for row in failures}
    wanted = {
        (csv_text(b"TYPE " + raw), csv_text(b"fired " + raw), csv_text(b"error " + raw)),
        ("GET", csv_text(b"caught " + raw), csv_text(b"CatchResponseError(" + host_repr(b"failure " + raw) + b")")),
        ("GET", "/hostile-status", HOSTILE_STATUS_ERROR),
    }
    expect(seen == wanted, f"_failures.csv round-trips\n{seen!r}\n{wanted!r}")

    exceptions = read_rows(prefix + "_exceptions.csv")
    message = (b"exception " + raw).split(b"\0")[0]
    expect([row["Message"] for row in exceptions] == [csv_text(message)],
           f"_exceptions.csv round-trips\n{exceptions!r}")

    history = read_rows(prefix + "_stats_history.csv")
    seen = {(row["Type"], row["Name"]) for row in history}
    expect(seen == as_csv | {("", "Aggregated")}, f"_stats_history.csv names round-trip\n{seen!r}")

    with open(json_output, "rb") as file:
        entries = json.loads(file.read().decode("utf-8", "strict"))
    seen = {(entry["method"], entry["name"]) for entry in entries}
    expect(seen == as_json, f"--json is strict UTF-8 JSON and its names round-trip\n{seen!r}\n{as_json!r}")

    with open(html_report, "rb") as file:
        page = file.read().decode("utf-8", "strict")
    start = page.index("window.templateArgs = ") + len("window.templateArgs = ")
    data = json.loads(page[start:page.index(";</script>", start)])
    texts = set(strings_in(data))
    expect(json_text(message) in texts, "the HTML report is strict UTF-8 and its data holds the exception")
    # Names and failure texts are HTML-escaped in the statistics, as Locust writes them.
    expect(html.escape(json_text(b"fired " + raw)) in texts, "the HTML report's data holds the names")
    expect(html.escape(HOSTILE_STATUS_ERROR) in texts, "the HTML report's data holds the target's status line")

    with open(stderr_file, "rb") as file:
        console = file.read().decode("utf-8", "strict")
    controls = sorted({hex(ord(char)) for char in console if char != "\n" and unicodedata.category(char) == "Cc"})
    expect(not controls, f"stderr is strict UTF-8 without control characters: {controls}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
