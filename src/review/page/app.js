// The review server's page. Record text is untrusted (OCR of third-party documents): it only ever
// reaches the DOM through textContent and attribute setters, never as HTML.
(() => {
  // Small pages keep a filter change to one short request and a few hundred DOM nodes.
  const PAGE_SIZE = 25;
  const $ = (id) => document.getElementById(id);
  const state = { offset: 0, total: 0, reports: [], current: -1, zoom: 1, loads: 0 };
  const reviewerInput = $("reviewer");
  reviewerInput.value = localStorage.getItem("reviewer") || "";
  reviewerInput.addEventListener("change", () =>
    localStorage.setItem("reviewer", reviewerInput.value.trim()),
  );

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "className") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return el;
  }

  function say(text, ok) {
    const m = $("message");
    m.textContent = text;
    m.className = ok ? "ok" : "";
  }

  function reviewer() {
    const name = reviewerInput.value.trim();
    if (!name) {
      say("请先在上方输入复核人姓名");
      reviewerInput.focus();
      return null;
    }
    localStorage.setItem("reviewer", name);
    return name;
  }

  async function api(method, url, body) {
    const res = await fetch(url, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.message || (data.issues || []).join("; ") || `HTTP ${res.status}`);
    return data;
  }

  function query() {
    const p = new URLSearchParams();
    const add = (k, v) => v && p.set(k, v);
    add("rule", $("f-rule").value);
    add("severity", $("f-sev").value);
    add("state", $("f-state").value);
    add("q", $("f-q").value.trim());
    if ($("f-flagged").checked) p.set("flagged", "1");
    p.set("offset", String(state.offset));
    p.set("limit", String(PAGE_SIZE));
    return p.toString();
  }

  let seq = 0;
  async function load(keepCurrent) {
    const began = performance.now();
    const mine = ++seq;
    const data = await api("GET", `/api/reports?${query()}`);
    if (mine !== seq) return; // a newer filter already answered
    state.total = data.total;
    state.reports = data.reports;
    const main = $("reports");
    main.replaceChildren(...data.reports.map(renderReport));
    const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    $("pageno").textContent = `${Math.floor(state.offset / PAGE_SIZE) + 1} / ${pages}`;
    $("prev").disabled = state.offset === 0;
    $("next").disabled = state.offset + PAGE_SIZE >= data.total;
    const s = data.states;
    $("shown").textContent =
      `${data.total} 份报告 · blocked ${s.blocked} · pending ${s.pending} · cleared ${s.cleared}`;
    if (!keepCurrent) state.current = -1;
    highlight(false);
    state.loads += 1;
    // Read by bench/review.ts: request to rendered DOM, in the page's own clock.
    document.body.dataset.loadMs = String(Math.round(performance.now() - began));
    document.body.dataset.loads = String(state.loads);
  }

  function flagEls() {
    return Array.from(document.querySelectorAll("li.flag"));
  }

  function highlight(scroll) {
    const els = flagEls();
    for (const el of els) el.classList.remove("current");
    const el = els[state.current];
    if (el) {
      el.classList.add("current");
      if (scroll) el.scrollIntoView({ block: "nearest" });
    }
  }

  function move(delta) {
    const n = flagEls().length;
    if (!n) return;
    state.current = Math.min(n - 1, Math.max(0, state.current + delta));
    highlight(true);
  }

  function replaceReport(view) {
    const old = document.querySelector(`section.report[data-id="${view.id}"]`);
    if (!old) return;
    const wasOpen = old.querySelector("details.fields")?.open;
    const fresh = renderReport(view);
    old.replaceWith(fresh);
    if (wasOpen) fresh.querySelector("details.fields").open = true;
    highlight(false);
  }

  async function decide(id, fp, action, reason) {
    const who = reviewer();
    if (!who) return;
    try {
      const view = await api("POST", `/api/reports/${id}/flags/${encodeURIComponent(fp)}`, {
        action,
        reviewer: who,
        ...(reason ? { reason } : {}),
      });
      replaceReport(view);
      say(`已${action === "confirm" ? "确认" : action === "dismiss" ? "驳回" : "重开"}`, true);
    } catch (e) {
      say(`未保存：${e.message}`);
    }
  }

  function showDismiss(li) {
    const box = li.querySelector(".reason");
    box.hidden = false;
    box.querySelector("input").focus();
  }

  function renderFlag(report, f) {
    const d = f.decision;
    const reasonInput = h("input", { placeholder: "驳回理由（必填），回车提交", maxlength: 2000 });
    const submitDismiss = () => {
      const reason = reasonInput.value.trim();
      if (!reason) return say("驳回需要填写理由");
      decide(report.id, f.fingerprint, "dismiss", reason);
    };
    reasonInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        submitDismiss();
      }
      if (e.key === "Escape") reasonInput.parentElement.hidden = true;
    });
    const li = h(
      "li",
      {
        className: `flag sev-${f.severity}${d ? ` d-${d.action}` : ""}`,
        "data-fp": f.fingerprint,
        "data-rule": f.rule,
        "data-decision": d ? d.action : "open",
      },
      h("span", { className: "sev" }, f.severity),
      " ",
      h("code", { className: "rule" }, f.rule),
      h("span", { className: "msg" }, f.message),
      d
        ? h(
            "span",
            { className: `decision ${d.action}` },
            `${d.action === "confirmed" ? "已确认" : "已驳回"} · ${d.reviewer} · ${d.at.slice(0, 16).replace("T", " ")}${d.reason ? ` · 理由：${d.reason}` : ""}`,
          )
        : null,
      h(
        "div",
        { className: "evs" },
        f.evidence.map((ev) =>
          h(
            "div",
            { className: "ev" },
            ev.crop
              ? h("img", {
                  src: `/${ev.crop.replace(/^review\//, "")}`,
                  loading: "lazy",
                  decoding: "async",
                  alt: `证据截图 第 ${ev.page} 页`,
                  onclick: () => openViewer(report, ev.page, ev.bbox),
                })
              : null,
            ev.page ? `第 ${ev.page} 页 ` : "",
            ev.text ? h("q", {}, ev.text) : null,
            ev.page
              ? h(
                  "button",
                  { type: "button", className: "view", onclick: () => openViewer(report, ev.page, ev.bbox) },
                  "查看页面",
                )
              : null,
          ),
        ),
      ),
      h(
        "div",
        { className: "actions" },
        h(
          "button",
          {
            type: "button",
            className: "confirm",
            onclick: () => decide(report.id, f.fingerprint, "confirm"),
          },
          "确认 (c)",
        ),
        h("button", { type: "button", className: "dismiss", onclick: () => showDismiss(li) }, "驳回 (d)"),
        d
          ? h(
              "button",
              {
                type: "button",
                className: "reopen",
                onclick: () => decide(report.id, f.fingerprint, "reopen"),
              },
              "重开 (o)",
            )
          : null,
        h(
          "span",
          { className: "reason", hidden: true },
          reasonInput,
          " ",
          h("button", { type: "button", onclick: submitDismiss }, "提交驳回"),
        ),
      ),
    );
    return li;
  }

  function renderNote(report) {
    const area = h("textarea", { placeholder: "本报告的备注", maxlength: 20000 });
    area.value = report.note ? report.note.note : "";
    const save = async () => {
      const who = reviewer();
      if (!who) return;
      try {
        const view = await api("PUT", `/api/reports/${report.id}/note`, { note: area.value, reviewer: who });
        replaceReport(view);
        say("备注已保存", true);
      } catch (e) {
        say(`未保存：${e.message}`);
      }
    };
    return h(
      "div",
      { className: "note" },
      area,
      h("button", { type: "button", className: "save-note", onclick: save }, "保存备注"),
      report.note
        ? h("span", {}, `${report.note.reviewer} · ${report.note.at.slice(0, 16).replace("T", " ")}`)
        : null,
    );
  }

  function renderReport(r) {
    const details = h(
      "details",
      { className: "fields" },
      h("summary", {}, `提取字段${r.corrections ? `（已更正 ${r.corrections} 项）` : ""}`),
    );
    details.addEventListener("toggle", () => {
      if (details.open && !details.dataset.filled) fillFields(details, r.id);
    });
    return h(
      "section",
      { className: "report", "data-id": r.id, "data-state": r.state },
      h("h2", {}, r.organization === null ? "（未识别组织）" : r.organization),
      h(
        "p",
        { className: "meta" },
        `${r.file} · ${r.status} · ${r.pages} 页 · `,
        h("span", { className: `state state-${r.state}` }, r.state),
        ` · 未处理 high ${r.open.high} / medium ${r.open.medium} / low ${r.open.low}`,
      ),
      r.errors.length ? h("p", { className: "errors" }, r.errors.join("; ")) : null,
      r.flags.length
        ? h(
            "ol",
            { className: "flags" },
            r.flags.map((f) => renderFlag(r, f)),
          )
        : null,
      renderNote(r),
      r.kind === "audit_report" ? details : null,
    );
  }

  async function fillFields(details, id, given) {
    details.dataset.filled = "1";
    const data = given || (await api("GET", `/api/reports/${id}`));
    for (const t of details.querySelectorAll("table")) t.remove();
    if (!data.fields) return;
    const corrected = new Map(data.correctionList.map((c) => [c.field, c]));
    const rows = data.fields.rows.map((row) => {
      const c = corrected.get(row.key);
      const tr = h(
        "tr",
        { className: c ? "corrected" : row.mark, "data-key": row.key },
        h("th", { title: row.key }, row.label),
        h(
          "td",
          { className: "value" },
          row.value === null ? "（未找到）" : row.value,
          c
            ? h(
                "span",
                { className: "was" },
                c.original && c.original.value !== null ? String(c.original.value) : "（未找到）",
              )
            : null,
        ),
        h("td", {}, row.raw || ""),
        h("td", {}, Number(row.confidence).toFixed(2)),
        h("td", {}, row.page === null ? "" : String(row.page)),
        h("td", { className: "method" }, c ? `reviewer · ${c.reviewer}` : row.method),
        h(
          "td",
          {},
          row.page
            ? h("button", { type: "button", onclick: () => openViewer(data, row.page, row.bbox) }, "页面")
            : null,
          h(
            "button",
            { type: "button", className: "correct", onclick: () => editField(data, row, tr) },
            "更正",
          ),
          c
            ? h(
                "button",
                {
                  type: "button",
                  className: "revert",
                  onclick: () => correct(data.id, row.key, null, true),
                },
                "撤销",
              )
            : null,
        ),
      );
      return tr;
    });
    details.appendChild(
      h(
        "table",
        {},
        h(
          "tr",
          {},
          ["字段", "值", "原文", "置信度", "页", "来源", ""].map((x) => h("th", {}, x)),
        ),
        rows,
      ),
    );
  }

  function editField(data, row, tr) {
    const input = h("input", { className: "correction", maxlength: 20000 });
    input.value = row.value === null ? "" : String(row.value).replace(/ \([a-z_0-9]+\)$/, "");
    const cell = tr.querySelector("td.value");
    const save = () => correct(data.id, row.key, input.value, false);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        save();
      }
    });
    cell.replaceChildren(
      input,
      h("button", { type: "button", className: "save-correction", onclick: save }, "保存"),
    );
    input.focus();
  }

  async function correct(id, field, value, revert) {
    const who = reviewer();
    if (!who) return;
    try {
      const data = await api("PUT", `/api/reports/${id}/fields`, {
        field,
        value,
        reviewer: who,
        ...(revert ? { revert: true } : {}),
      });
      replaceReport(data);
      const fresh = document.querySelector(`section.report[data-id="${id}"] details.fields`);
      if (fresh) {
        fresh.open = true;
        await fillFields(fresh, id, data);
      }
      say(revert ? "已撤销更正" : "更正已保存，规则已重新核查", true);
    } catch (e) {
      say(`未保存：${e.message}`);
    }
  }

  // Page viewer: the whole page, the box marked, zoom by buttons or +/-.
  let viewing = null;
  function openViewer(report, page, bbox) {
    viewing = { id: report.id, page, bbox };
    const img = $("viewer-img");
    $("viewer-title").textContent = `${report.file} · 第 ${page} 页`;
    img.onload = () => placeBox();
    img.onerror = () => say("此页没有保存页面图像");
    img.src = `/api/pages/${report.id}/${page}`;
    $("viewer").hidden = false;
    setZoom(state.zoom);
  }
  function placeBox() {
    const img = $("viewer-img");
    const box = $("viewer-box");
    const b = viewing?.bbox;
    if (!b || !img.naturalWidth) {
      box.hidden = true;
      return;
    }
    const s = img.clientWidth / img.naturalWidth;
    box.hidden = false;
    box.style.left = `${Math.min(b[0], b[2]) * s - 4}px`;
    box.style.top = `${Math.min(b[1], b[3]) * s - 4}px`;
    box.style.width = `${Math.abs(b[2] - b[0]) * s + 8}px`;
    box.style.height = `${Math.abs(b[3] - b[1]) * s + 8}px`;
    if (box.scrollIntoView) box.scrollIntoView({ block: "center", inline: "center" });
  }
  function setZoom(z) {
    state.zoom = Math.min(4, Math.max(0.25, z));
    $("viewer-sheet").style.width = `${Math.round(900 * state.zoom)}px`;
    $("zoom").textContent = `${Math.round(state.zoom * 100)}%`;
    placeBox();
  }
  const closeViewer = () => {
    $("viewer").hidden = true;
    viewing = null;
  };
  $("zoom-in").addEventListener("click", () => setZoom(state.zoom * 1.25));
  $("zoom-out").addEventListener("click", () => setZoom(state.zoom / 1.25));
  $("viewer-close").addEventListener("click", closeViewer);

  const currentFlag = () => flagEls()[state.current];
  const reportOf = (li) => state.reports.find((r) => r.id === li.closest("section.report").dataset.id);
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (!$("viewer").hidden) {
      if (e.key === "Escape") closeViewer();
      else if (e.key === "+" || e.key === "=") setZoom(state.zoom * 1.25);
      else if (e.key === "-") setZoom(state.zoom / 1.25);
      return;
    }
    const li = currentFlag();
    const act = {
      j: () => move(1),
      ArrowDown: () => move(1),
      k: () => move(-1),
      ArrowUp: () => move(-1),
      n: () => page(1),
      p: () => page(-1),
      c: () => li && decide(reportOf(li).id, li.dataset.fp, "confirm"),
      d: () => li && showDismiss(li),
      o: () => li && decide(reportOf(li).id, li.dataset.fp, "reopen"),
      v: () => li?.querySelector("button.view")?.click(),
    }[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });

  function page(delta) {
    const next = state.offset + delta * PAGE_SIZE;
    if (next < 0 || next >= state.total) return;
    state.offset = next;
    load().then(() => window.scrollTo(0, 0));
  }
  $("prev").addEventListener("click", () => page(-1));
  $("next").addEventListener("click", () => page(1));
  const refilter = () => {
    state.offset = 0;
    load().catch((e) => say(e.message));
  };
  for (const id of ["f-rule", "f-sev", "f-state", "f-flagged"]) $(id).addEventListener("change", refilter);
  let timer = 0;
  $("f-q").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refilter, 120);
  });

  // The rule list and the first page are fetched side by side: opening the page waits for one round trip.
  api("GET", "/api/summary")
    .then((s) =>
      $("f-rule").append(...s.rules.map((r) => h("option", { value: r.rule }, `${r.rule} (${r.count})`))),
    )
    .catch((e) => say(`无法载入规则列表：${e.message}`));
  load().catch((e) => say(`无法载入：${e.message}`));
})();
