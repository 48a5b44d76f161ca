/* The timeline (plotly.js): every dated event at its honest precision — a day is a dot, a start–end span a solid bar
   over the whole of it, an event known only to its month or year (or between earliest and latest bounds) a hatched
   bar between brackets: somewhere in there, not all of it. Each case (or, outside any case, each type of event) is a
   panel of its own, titled, with its own dates, so a case of three months is as readable as one of seven years.
   Colours are the types' colours, as in the network and the legend, whatever the filters. Names wrap between words
   (a phone shows them whole); zoom, pan, touch; a click (on a phone, a second tap) opens the event. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, t = KG.t, state = KG.state, el = KG.el;
  const box = document.getElementById("timeline");
  const hint = document.getElementById("timeline-hint");
  const legendBox = document.getElementById("timeline-legend");
  let drawn = [], defaultRanges = {};
  const DAY = 864e5;
  const ROWS_MAX = 150;
  const MIN_PX = 10;

  const typeOf = (ev) => ENT[ev.id].type;
  function groupOf(ev) { return ev.case ? "case:" + ev.case : "type:" + typeOf(ev); }
  function groupName(key) {
    return key.startsWith("case:") ? KG.entityLabel(key.slice(5)) : KG.typeLabel(key.slice(5));
  }

  /** A name in lines of at most `width` characters, broken between words; past `most` lines the last ends "…". */
  function wrapName(text, width, most) {
    const lines = [];
    let line = "";
    for (const word of String(text).split(/\s+/).filter(Boolean)) {
      if (line && (line + " " + word).length > width) {
        if (lines.length === most - 1) { lines.push(line + " …"); return lines; }
        lines.push(line);
        line = word;
      } else line = line ? line + " " + word : word;
    }
    if (line) lines.push(line);
    return lines;
  }

  /** The dates a panel shows: its events, with a margin, never less than two months. */
  function span(events) {
    let lo = Math.min(...events.map((ev) => Date.parse(ev.start)));
    let hi = Math.max(...events.map((ev) => Date.parse(ev.end) + DAY));
    const pad = Math.max((hi - lo) * 0.04, 20 * DAY);
    lo -= pad; hi += pad;
    if (hi - lo < 60 * DAY) { const mid = (hi + lo) / 2; lo = mid - 30 * DAY; hi = mid + 30 * DAY; }
    const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
    return [iso(lo), iso(hi)];
  }

  function visibleEvents() {
    return DATA.timeline.filter((ev) => KG.passes(ev.id, [ev.start, ev.end], ev.sources));
  }

  function hover(ev) {
    return "<b>" + KG.plotText(KG.entityLabel(ev.id)) + "</b><br>" + KG.plotText(KG.typeLabel(typeOf(ev))) + " · " +
      KG.whenText(ev) + (ev.toll ? "<br>" + KG.plotText(KG.tollText(ev.toll)) : "");
  }

  /** The marks of one panel's events: solid bars for spans, hatched bars between brackets for uncertain dates, dots
      for days; one trace per type and kind, in the type's colour. */
  function marks(list, rowOf, axes, highlight, msPerPx) {
    const traces = [];
    const line = (items) => ({ width: items.map((ev) => (highlight && highlight.has(ev.id) ? 3 : 0.5)), color: "#111827" });
    const types = [...new Set(list.map(typeOf))].sort();
    for (const type of types) {
      const color = KG.typeColor(type), mine = list.filter((ev) => typeOf(ev) === type);
      for (const kind of ["range", "uncertain"]) {
        const items = mine.filter((ev) => ev.kind === kind);
        if (!items.length) continue;
        // An uncertain date of a few days is never a hairline: its hatched bar is at least MIN_PX wide, centred
        // on its bounds, which the brackets mark exactly.
        const widen = (ev) => (kind === "uncertain" ? Math.max(0, MIN_PX * msPerPx - (Date.parse(ev.end) + DAY - Date.parse(ev.start))) : 0);
        traces.push(Object.assign({
          type: "bar", orientation: "h", showlegend: false, y: items.map((ev) => rowOf[ev.id]),
          base: items.map((ev) => new Date(Date.parse(ev.start) - widen(ev) / 2).toISOString()),
          x: items.map((ev) => Date.parse(ev.end) + DAY - Date.parse(ev.start) + widen(ev)),
          customdata: items.map((ev) => ev.id), hovertext: items.map(hover), hoverinfo: "text",
          marker: { color: color, opacity: kind === "uncertain" ? 0.45 : 0.9, line: line(items),
            pattern: kind === "uncertain" ? { shape: "/", fillmode: "overlay", fgcolor: "#ffffff", fgopacity: 0.9, size: 6 } : undefined },
          width: 0.55,
        }, axes));
        if (kind === "uncertain") {  // brackets at both bounds: visible however short the interval is drawn
          traces.push(Object.assign({
            type: "scatter", mode: "markers", showlegend: false, hoverinfo: "skip",
            x: items.flatMap((ev) => [ev.start, new Date(Date.parse(ev.end) + DAY).toISOString().slice(0, 10)]),
            y: items.flatMap((ev) => [rowOf[ev.id], rowOf[ev.id]]),
            marker: { symbol: "line-ns-open", size: 13, color: color, line: { color: color, width: 2 } },
          }, axes));
        }
      }
      const points = mine.filter((ev) => ev.kind === "point");
      if (points.length) {
        traces.push(Object.assign({
          type: "scatter", mode: "markers", showlegend: false, y: points.map((ev) => rowOf[ev.id]),
          x: points.map((ev) => ev.start), customdata: points.map((ev) => ev.id), hovertext: points.map(hover),
          hoverinfo: "text", marker: { color: color, size: 11, symbol: "circle", line: line(points) },
        }, axes));
      }
    }
    return traces;
  }

  function drawLegend(events) {
    legendBox.replaceChildren();
    const types = [...new Set(events.map(typeOf))].sort((a, b) => KG.typeLabel(a).localeCompare(KG.typeLabel(b)));
    for (const type of types) {
      const swatch = el("span", "swatch");
      swatch.style.background = KG.typeColor(type);
      legendBox.appendChild(el("span", "legend-item", swatch, KG.typeLabel(type)));
    }
    const day = el("span", "mark-dot"), bar = el("span", "mark-bar"), fuzzy = el("span", "mark-uncertain");
    legendBox.appendChild(el("span", "legend-item key", day, t("markDay")));
    legendBox.appendChild(el("span", "legend-item key", bar, t("markSpan")));
    legendBox.appendChild(el("span", "legend-item key", fuzzy, t("markUncertain")));
  }

  function draw(Plotly) {
    const events = visibleEvents();
    const narrow = box.clientWidth < 600;
    const firstDate = KG.dict();
    for (const ev of events) { const g = groupOf(ev); if (!(g in firstDate) || ev.start < firstDate[g]) firstDate[g] = ev.start; }
    const groups = Object.keys(firstDate).sort((a, b) => firstDate[a].localeCompare(firstDate[b]) || a.localeCompare(b));
    const byGroup = KG.dict();
    for (const g of groups) byGroup[g] = events.filter((ev) => groupOf(ev) === g).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    const highlight = state.highlight ? new Set(KG.eventsOf(state.highlight).map((e) => e.id)) : null;
    const labelWidth = narrow ? 146 : 300, wrapAt = narrow ? 21 : 42, mostLines = narrow ? 5 : 3;
    const traces = [], layout = {
      margin: { l: labelWidth, r: 14, t: 8, b: 16 }, barmode: "overlay", dragmode: "pan", hovermode: "closest",
      showlegend: false, plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff", font: { family: "system-ui, sans-serif", size: 12 },
      annotations: [], shapes: [],
    };
    drawn = [];
    defaultRanges = {};
    drawLegend(events);
    hint.textContent = events.length ? t("timelineHint")(events.length) : t("noEvents");
    if (!events.length) {
      layout.height = 200;
      layout.annotations.push({ text: t("noEvents"), showarrow: false, xref: "paper", yref: "paper", x: 0.5, y: 0.5 });
      layout.xaxis = { visible: false }; layout.yaxis = { visible: false };
      return Plotly.react(box, [], layout, KG.plotConfig()).then(() => { box.dataset.drawn = "0"; });
    }
    // Past ROWS_MAX events (a synthetic graph), one panel with a row per case or type.
    const panels = events.length > ROWS_MAX ? [{ key: null, events: events }] : groups.map((g) => ({ key: g, events: byGroup[g] }));
    const TITLE = 26, AXIS = 24, GAP = 16;
    // Rows of one panel are evenly spaced (plotly's category rows): each as tall as its longest name needs.
    const heights = panels.map((panel) => {
      if (!panel.key) return groups.length * 22;
      const lines = Math.max(...panel.events.map((ev) => wrapName(KG.entityLabel(ev.id), wrapAt, mostLines).length));
      return panel.events.length * Math.max(22, lines * 14 + 8);
    });
    const total = panels.reduce((sum, p, i) => sum + TITLE + AXIS + heights[i] + GAP, 0);
    layout.height = total + layout.margin.t + layout.margin.b;
    let top = 0;
    panels.forEach((panel, i) => {
      const n = i + 1, xa = "xaxis" + (n > 1 ? n : ""), ya = "yaxis" + (n > 1 ? n : "");
      const axes = { xaxis: "x" + (n > 1 ? n : ""), yaxis: "y" + (n > 1 ? n : "") };
      const y1 = 1 - (top + TITLE + AXIS) / total, y0 = 1 - (top + TITLE + AXIS + heights[i]) / total;
      const rowOf = KG.dict(), ticks = [], tickText = [];
      if (panel.key) {
        panel.events.forEach((ev, row) => {
          rowOf[ev.id] = row;
          ticks.push(row);
          tickText.push(wrapName(KG.entityLabel(ev.id), wrapAt, mostLines).map(KG.plotText).join("<br>"));
        });
        layout.annotations.push({ text: "<b>" + KG.plotText(groupName(panel.key)) + "</b>" +
          (panel.key.startsWith("case:") ? " · " + KG.plotText(t("caseLabel")) : ""), showarrow: false,
          xref: "paper", yref: "paper", x: 0, xanchor: "left", xshift: -labelWidth + 4, y: 1 - top / total, yanchor: "top",
          align: "left", font: { size: 13, color: "#1f2937" } });
      } else {
        groups.forEach((g, row) => { ticks.push(row); tickText.push(wrapName(groupName(g), wrapAt, mostLines).map(KG.plotText).join("<br>")); });
        for (const ev of panel.events) rowOf[ev.id] = groups.indexOf(groupOf(ev));
      }
      const range = span(panel.events), plotWidth = Math.max(box.clientWidth - labelWidth - 14, 100);
      traces.push(...marks(panel.events, rowOf, axes, highlight, (Date.parse(range[1]) - Date.parse(range[0])) / plotWidth));
      drawn.push(...panel.events.map((ev) => ev.id));
      defaultRanges[xa + ".range"] = span(panel.events);
      layout[xa] = { type: "date", side: "top", anchor: axes.yaxis, gridcolor: "#e5e7eb", range: span(panel.events),
        domain: [0, 1], tickfont: { size: 11 }, automargin: false };
      layout[ya] = { domain: [y0, y1], anchor: axes.xaxis, autorange: "reversed", fixedrange: true, tickmode: "array",
        tickvals: ticks, ticktext: tickText, tickfont: { size: 11 }, range: [ticks.length - 0.5, -0.5], automargin: false,
        zeroline: false, showgrid: false };
      // Alternate rows shaded, so a long name's lines read with its mark.
      ticks.forEach((row) => {
        if (row % 2) layout.shapes.push({ type: "rect", xref: axes.xaxis + " domain", yref: axes.yaxis, x0: 0, x1: 1,
          y0: row - 0.5, y1: row + 0.5, fillcolor: "#f8fafc", line: { width: 0 }, layer: "below" });
      });
      top += TITLE + AXIS + heights[i] + GAP;
    });
    return Plotly.react(box, traces, layout, KG.plotConfig()).then(() => {
      KG.wirePlotClicks(box, (pt) => pt.customdata);
      box.dataset.drawn = String(drawn.length);
    });
  }

  /** "Fit view": every panel back to its own events' dates. */
  function fit() { if (box.data) window.Plotly.relayout(box, Object.assign({}, defaultRanges)); }
  KG.registerView("timeline", { plotly: true, draw: draw, hint: hint, plots: () => [box], fit: fit });
  KG.timelineItems = () => drawn.slice();
})();
