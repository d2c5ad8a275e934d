/** The review page's inline CSS and JS. Kept apart from the renderer so both stay readable, and static so
 * the page's Content-Security-Policy can allow exactly these two blocks by hash and nothing else: even if
 * some untrusted record text slipped past escaping, an injected <script> or onerror= would not run. */

export const REVIEW_CSS = `
:root { --high: #b00020; --medium: #b35c00; --low: #44617b; --line: #d8dde3; font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
body { margin: 0; background: #f5f6f8; color: #1d232a; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 16px; }
h1 { font-size: 18px; margin: 0 0 4px; }
.summary { margin: 0 0 6px; color: #555; font-size: 13px; }
#filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; font-size: 13px; }
#filters select, #filters input[type=search] { font: inherit; padding: 2px 4px; }
#shown { color: #555; }
main { padding: 12px 16px; max-width: 1200px; }
/* Off-screen reports are not laid out or painted: what keeps 1,000 reports fast to open and filter. */
.report { content-visibility: auto; contain-intrinsic-size: auto 320px; background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 10px 14px; }
.report h2 { font-size: 16px; margin: 0 0 2px; }
.meta { margin: 0 0 6px; font-size: 12px; color: #555; overflow-wrap: anywhere; }
.status-failed { color: var(--high); font-weight: 600; }
.status-partial { color: var(--medium); font-weight: 600; }
.counts span { margin-right: 6px; }
.flags { list-style: none; padding: 0; margin: 0; }
.flag { border-left: 4px solid var(--low); padding: 4px 8px; margin: 6px 0; background: #fafbfc; }
.flag.sev-high { border-color: var(--high); }
.flag.sev-medium { border-color: var(--medium); }
.sev { display: inline-block; min-width: 52px; text-align: center; font-size: 11px; font-weight: 700; color: #fff; background: var(--low); border-radius: 3px; padding: 1px 4px; }
.sev-high .sev, .sev.high { background: var(--high); }
.sev-medium .sev, .sev.medium { background: var(--medium); }
.rule { font-size: 12px; background: #eef1f4; padding: 1px 4px; border-radius: 3px; }
.msg { margin-left: 4px; }
.evs { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: flex-start; }
.ev { margin: 4px 0 2px; font-size: 12px; color: #333; max-width: 100%; }
.ev img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); margin: 2px 0; }
.ev .nocrop { color: #777; font-style: italic; }
.ev q { white-space: pre-wrap; overflow-wrap: anywhere; }
details.fields { margin-top: 6px; font-size: 13px; }
details.fields summary { cursor: pointer; color: #245; }
table { border-collapse: collapse; margin: 6px 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: 2px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f2f5; font-weight: 600; }
tr.low td { background: #fff4e5; }
tr.low .conf::after { content: " 低"; color: var(--medium); font-weight: 700; }
tr.missing td { color: #999; }
.lowcount { color: var(--medium); font-weight: 600; }
.errors { color: var(--high); font-size: 12px; margin: 2px 0 6px; }
[hidden] { display: none !important; }
`;

/** Filters: rule and severity hide non-matching flags, and then reports with no flag left; the organisation
 * box hides reports whose organisation or file name does not contain the text. A report's field table is
 * built from the embedded JSON when first opened, with textContent only (record text is untrusted). */
export const REVIEW_JS = `
(function () {
  var rule = document.getElementById("f-rule");
  var sev = document.getElementById("f-sev");
  var org = document.getElementById("f-org");
  var clean = document.getElementById("f-clean");
  var shown = document.getElementById("shown");
  var data = JSON.parse(document.getElementById("fields-data").textContent || "[]");
  var reports = Array.prototype.map.call(document.querySelectorAll("section.report"), function (el) {
    var flags = Array.prototype.map.call(el.querySelectorAll("li.flag"), function (f) {
      return { el: f, rule: f.getAttribute("data-rule"), sev: f.getAttribute("data-severity") };
    });
    return { el: el, key: el.getAttribute("data-org") || "", flags: flags };
  });
  function setHidden(el, hide) { if (el.hidden !== hide) el.hidden = hide; }
  function apply() {
    var r = rule.value, s = sev.value ? sev.value.split(",") : [], q = org.value.trim().toLowerCase();
    var flagFilter = r !== "" || s.length > 0, n = 0;
    reports.forEach(function (rep) {
      var visibleFlags = 0;
      rep.flags.forEach(function (f) {
        var ok = (r === "" || f.rule === r) && (s.length === 0 || s.indexOf(f.sev) >= 0);
        setHidden(f.el, !ok);
        if (ok) visibleFlags++;
      });
      var show = (q === "" || rep.key.indexOf(q) >= 0) &&
        (flagFilter ? visibleFlags > 0 : rep.flags.length > 0 || clean.checked);
      setHidden(rep.el, !show);
      if (show) n++;
    });
    shown.textContent = "显示 " + n + " / " + reports.length + " 份报告";
  }
  function cell(tr, tag, text, cls) {
    var c = document.createElement(tag);
    c.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) c.className = cls;
    tr.appendChild(c);
    return c;
  }
  function table(head, rows) {
    var t = document.createElement("table"), h = document.createElement("tr");
    head.forEach(function (x) { cell(h, "th", x); });
    t.appendChild(h);
    rows.forEach(function (r) { t.appendChild(r); });
    return t;
  }
  function fill(details) {
    if (details.getAttribute("data-filled")) return;
    details.setAttribute("data-filled", "1");
    var d = data[Number(details.getAttribute("data-i"))];
    if (!d) return;
    var rows = d.rows.map(function (r) {
      var tr = document.createElement("tr");
      if (r[7]) tr.className = r[7];
      cell(tr, "th", r[0]).title = r[1];
      cell(tr, "td", r[2] === null ? "（未找到）" : r[2]);
      cell(tr, "td", r[3]);
      cell(tr, "td", Number(r[4]).toFixed(2), "conf");
      cell(tr, "td", r[5]);
      cell(tr, "td", r[6]);
      return tr;
    });
    details.appendChild(table(["字段", "值", "原文", "置信度", "页", "来源"], rows));
    if (d.conclusion.length) {
      details.appendChild(table(["结论", "勾选"], d.conclusion.map(function (c) {
        var tr = document.createElement("tr");
        cell(tr, "th", c[0]);
        cell(tr, "td", c[1] === null ? "（未勾选或多选）" : c[1]);
        return tr;
      })));
    }
  }
  document.addEventListener("toggle", function (e) {
    var t = e.target;
    if (t && t.matches && t.matches("details.fields") && t.open) fill(t);
  }, true);
  [rule, sev, clean].forEach(function (el) { el.addEventListener("change", apply); });
  org.addEventListener("input", apply);
  apply();
})();
`;
