/* The timeline (plotly.js): every dated event at its honest precision — a day is a dot, a month, a year or a
   start–end span is a bar over the whole of it, an uncertain date a hatched bar between its bounds — one row per
   event, grouped by case (or by type for events outside any case); zoom, pan, touch; a click opens the event. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, t = KG.t, state = KG.state;
  const box = document.getElementById("timeline");
  const hint = document.getElementById("timeline-hint");
  let drawn = [];
  const DAY = 864e5;
  const ROWS_MAX = 150;

  function groupOf(ev) { return KG.plotText(ev.case ? KG.entityLabel(ev.case) : KG.typeLabel(ENT[ev.id].type)); }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  /** The dates shown at first: every event, with a margin, and never less than two months (a lone day would
      otherwise fill the width with hours). */
  function span(events) {
    if (!events.length) return undefined;
    let lo = Math.min(...events.map((ev) => Date.parse(ev.start)));
    let hi = Math.max(...events.map((ev) => Date.parse(ev.end) + DAY));
    const pad = Math.max((hi - lo) * 0.03, 30 * DAY);
    lo -= pad; hi += pad;
    const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
    return [iso(lo), iso(hi)];
  }

  function visibleEvents() {
    return DATA.timeline.filter((ev) => KG.passes(ev.id, [ev.start, ev.end], ev.sources));
  }

  function draw(Plotly) {
    const events = visibleEvents();
    const narrow = box.clientWidth < 600;
    // Groups in the order of their first event; rows inside a group by date.
    const firstDate = KG.dict();
    for (const ev of events) { const g = groupOf(ev); if (!(g in firstDate) || ev.start < firstDate[g]) firstDate[g] = ev.start; }
    const groups = Object.keys(firstDate).sort((a, b) => firstDate[a].localeCompare(firstDate[b]) || a.localeCompare(b));
    const ordered = events.slice().sort((a, b) => groups.indexOf(groupOf(a)) - groups.indexOf(groupOf(b)) ||
      a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    const highlight = state.highlight ? new Set(KG.eventsOf(state.highlight).map((e) => e.id)) : null;
    const traces = [];
    const rowOf = KG.dict();
    // One row per event while they can be read; past ROWS_MAX events, one row per case or type.
    const perGroup = ordered.length > ROWS_MAX;
    ordered.forEach((ev, i) => { rowOf[ev.id] = perGroup ? groups.indexOf(groupOf(ev)) : i; });
    groups.forEach((g, gi) => {
      const color = KG.PALETTE[gi % KG.PALETTE.length];
      const mine = ordered.filter((ev) => groupOf(ev) === g);
      const hover = (ev) => KG.plotText(KG.entityLabel(ev.id)) + "<br>" + KG.whenText(ev) + (ev.toll ? "<br>" + t("killed")(KG.formatNumber(ev.toll.max)) : "");
      const line = (list) => ({ width: list.map((ev) => (highlight && highlight.has(ev.id) ? 3 : 0.5)), color: "#111827" });
      for (const kind of ["range", "uncertain"]) {
        const list = mine.filter((ev) => ev.kind === kind);
        if (!list.length) continue;
        traces.push({
          type: "bar", orientation: "h", name: g, legendgroup: g, showlegend: kind === "range" || !mine.some((e) => e.kind === "range"),
          y: list.map((ev) => rowOf[ev.id]),
          base: list.map((ev) => ev.start),
          x: list.map((ev) => Date.parse(ev.end) + DAY - Date.parse(ev.start)),
          customdata: list.map((ev) => ev.id),
          hovertext: list.map(hover), hoverinfo: "text",
          marker: { color: color, opacity: kind === "uncertain" ? 0.55 : 0.9, line: line(list),
            pattern: kind === "uncertain" ? { shape: "/", fillmode: "overlay", fgcolor: "#ffffff", fgopacity: 0.9, size: 6 } : undefined },
          width: 0.6,
        });
      }
      const points = mine.filter((ev) => ev.kind === "point");
      if (points.length) {
        traces.push({
          type: "scatter", mode: "markers", name: g, legendgroup: g, showlegend: !mine.some((e) => e.kind !== "point"),
          y: points.map((ev) => rowOf[ev.id]), x: points.map((ev) => ev.start), customdata: points.map((ev) => ev.id),
          hovertext: points.map(hover), hoverinfo: "text",
          marker: { color: color, size: 11, symbol: "circle", line: line(points) },
        });
      }
    });
    drawn = ordered.map((ev) => ev.id);
    hint.textContent = events.length ? t("timelineHint")(events.length) : t("noEvents");
    const rowHeight = 24;
    const rows = perGroup ? groups.length : ordered.length;
    const height = Math.max(260, rows * rowHeight + 130);
    const labelWidth = narrow ? 120 : 300;
    const layout = {
      height: height, margin: { l: labelWidth, r: 16, t: 36, b: narrow ? 110 : 70 }, barmode: "overlay",
      dragmode: "pan", hovermode: "closest", showlegend: true,
      legend: { orientation: "h", y: -10 / height, x: 0, yanchor: "top" },
      // The dates on top, where the reader starts; the rows can be long.
      xaxis: { type: "date", side: "top", gridcolor: "#e5e7eb", fixedrange: false, range: span(ordered) },
      yaxis: { autorange: "reversed", fixedrange: true, tickmode: "array", tickvals: [...Array(rows).keys()],
        ticktext: perGroup ? groups.map((g) => short(g, narrow ? 18 : 44))
          : ordered.map((ev) => KG.plotText(short(KG.entityLabel(ev.id), narrow ? 18 : 44))), tickfont: { size: 11 } },
      plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff", font: { family: "system-ui, sans-serif", size: 12 },
    };
    // Shade alternate groups, so a case's events read as one block.
    layout.shapes = [];
    let start = 0;
    groups.forEach((g, gi) => {
      const n = perGroup ? 1 : ordered.filter((ev) => groupOf(ev) === g).length;
      if (gi % 2 === 0) {
        layout.shapes.push({ type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: start - 0.5, y1: start + n - 0.5,
          fillcolor: "#f1f5f9", line: { width: 0 }, layer: "below" });
      }
      start += n;
    });
    if (!ordered.length) layout.annotations = [{ text: t("noEvents"), showarrow: false, xref: "paper", yref: "paper", x: 0.5, y: 0.5 }];
    return Plotly.react(box, traces, layout, KG.plotConfig()).then(() => {
      KG.wirePlotClicks(box, (pt) => pt.customdata);
      box.dataset.drawn = String(drawn.length);
    });
  }

  KG.registerView("timeline", {
    plotly: true, draw: draw, hint: hint, plots: () => [box],
    fit: () => { if (box.data) window.Plotly.relayout(box, { "xaxis.autorange": true, "yaxis.autorange": "reversed" }); },
  });
  KG.timelineItems = () => drawn.slice();
})();
