/* The indicator charts (plotly.js): one chart per indicator, the series with the most observations first; each
   figure one bar by period, the producing agencies' figures side by side. On each chart's face: who produced each
   series and which source reports it (a legend that wraps on a phone), each figure's value with its bound ("≥",
   an open-ended bar for "at least") and its status when it is not a final count (a projection, a preliminary figure,
   an estimate: hatched and named). A rank is drawn better-is-up, "99 of 126". Hover (on a phone, a first tap) shows
   the details; a click (a second tap) opens the observation's page. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, t = KG.t, state = KG.state, el = KG.el;
  const box = document.getElementById("charts");
  const hint = document.getElementById("charts-hint");
  // Statuses that are not a final count: drawn hatched and named on the bar.
  const TENTATIVE = /projection|preliminary|estimate|planned|pledged/;
  const BOUND_MARK = { "at-least": "≥ ", "at-most": "≤ ", about: "~ " };
  let drawn = [];

  const tentative = (o) => Boolean(o.status && TENTATIVE.test(o.status));
  const isRank = (indicator) => indicator.unit === "rank";

  /** The figure as the bar says it: its bound, the number, for a rank its place among how many. */
  function figureText(o, rank) {
    const n = KG.formatNumber(o.value);
    if (rank) return o.outOf ? t("rankOf")(n, KG.formatNumber(o.outOf)) : n;
    return (BOUND_MARK[o.bound] || "") + n;
  }
  function hoverText(o, indicator) {
    const rank = isRank(indicator);
    const value = rank ? figureText(o, true) : KG.boundText(o.bound, KG.formatNumber(o.value)) + (o.unit ? " " + KG.unitLabel(o.unit) : "");
    return [
      "<b>" + KG.plotText(KG.entityLabel(o.id)) + "</b>",
      t("periodLabel") + ": " + KG.formatDate(o.period), t("value") + ": " + KG.plotText(value),
      o.status ? t("status") + ": " + KG.plotText(KG.conceptLabel(o.status)) : "",
      o.producer ? t("producer") + ": " + KG.plotText(KG.entityLabel(o.producer)) : "",
      t("reportedBy") + ": " + o.sources.map((s) => KG.plotText(KG.sourceTitle(s))).join("; "),
    ].filter(Boolean).join("<br>");
  }

  /** The legend under the title: one line per series, its colour, its producer and the sources reporting it. */
  function caption(series) {
    const list = el("ul", "chart-legend");
    for (const s of series) {
      const swatch = el("span", "swatch" + (s.observations.every(tentative) ? " hatched" : ""));
      swatch.style.background = s.color;
      const reported = [...new Set(s.observations.flatMap((o) => o.sources))];
      const item = el("li", "", swatch, el("strong", "", s.producer ? KG.entityLabel(s.producer) : t("noProducer")),
        " — " + t("reportedBy").toLowerCase() + " ");
      reported.forEach((id, i) => item.append(...(i ? ["; "] : []), el("cite", "", KG.sourceTitle(id))));
      list.appendChild(item);
    }
    return list;
  }

  function chart(Plotly, indicator, observations) {
    const card = el("section", "chart-card");
    card.dataset.indicator = indicator.id;
    const rank = isRank(indicator);
    const title = el("h3", "");
    title.appendChild(KG.entityLink(indicator.id));
    if (indicator.unit) title.appendChild(el("span", "sub", " · " + (rank ? t("rankUnit") : KG.unitLabel(indicator.unit))));
    card.appendChild(title);
    const producers = [...new Set(observations.map((o) => o.producer || ""))];
    const series = producers.map((producer, i) => ({ producer: producer, color: KG.PALETTE[i % KG.PALETTE.length],
      observations: observations.filter((o) => (o.producer || "") === producer) }));
    card.appendChild(caption(series));
    const keys = [];
    if (observations.some(tentative)) keys.push(t("hatchedKey"));
    if (observations.some((o) => o.bound)) keys.push(t("boundKey"));
    if (rank) keys.push(t("rankKey"));
    if (keys.length) card.appendChild(el("p", "chart-key", keys.join(" · ")));
    const plot = el("div", "chart");
    card.appendChild(plot);
    box.appendChild(card);
    const periods = [...new Set(observations.map((o) => o.period))].sort();
    // A phone draws the bars across, so each figure's words have the width of the screen beside its bar.
    const narrow = box.clientWidth < 600, across = narrow && !rank;
    const wrapWords = (text, width) => {
      const lines = [];
      for (const word of text.split(" ")) {
        if (lines.length && (lines[lines.length - 1] + " " + word).length <= width) lines[lines.length - 1] += " " + word;
        else lines.push(word);
      }
      return lines.join("<br>");
    };
    const label = (o) => figureText(o, rank) + (tentative(o)
      ? (across ? " · " + KG.plotText(KG.conceptLabel(o.status)) : "<br>" + wrapWords(KG.plotText(KG.conceptLabel(o.status)), 12)) : "");
    const traces = [];
    const top = Math.max(...observations.map((o) => o.value));
    for (const s of series) {
      const list = s.observations;
      const common = { customdata: list.map((o) => o.id), hoverinfo: "text",
        hovertext: list.map((o) => hoverText(o, indicator)), name: KG.plotText(s.producer ? KG.entityLabel(s.producer) : t("noProducer")),
        showlegend: false, offsetgroup: s.producer || "none" };
      const place = (values, periodsOf) => (across ? { y: periodsOf, x: values, orientation: "h" } : { x: periodsOf, y: values });
      if (rank) {  // better is up: rank 1 at the top, a line through the years
        traces.push(Object.assign({ type: "scatter", mode: "lines+markers+text", x: list.map((o) => o.period), y: list.map((o) => o.value),
          text: list.map(label), textposition: "top center", cliponaxis: false,
          marker: { size: 11, color: s.color, line: { color: list.map((o) => (state.highlight === o.id ? "#111827" : "#ffffff")), width: 2 } },
          line: { color: s.color, width: 2 } }, common));
        continue;
      }
      const open = list.map((o) => o.bound === "at-least");
      traces.push(Object.assign({ type: "bar" }, place(list.map((o) => o.value), list.map((o) => o.period)), {
        text: list.map((o, k) => (open[k] ? "" : label(o))), textposition: "outside", cliponaxis: false, constraintext: "none",
        marker: { color: s.color,
          pattern: { shape: list.map((o) => (tentative(o) ? "/" : "")), fillmode: "overlay", fgcolor: "#ffffff", fgopacity: 0.9, size: 7 },
          line: { color: "#1f2937", width: list.map((o) => (state.highlight === o.id ? 3 : 0)) } } }, common));
      // "At least": the bar goes on past its figure, faded, an open end; the figure is said at its tip.
      const bounded = list.filter((o, k) => open[k]);
      if (bounded.length) {
        traces.push(Object.assign({}, common, { type: "bar" }, place(bounded.map(() => top * 0.1), bounded.map((o) => o.period)), {
          base: bounded.map((o) => o.value), customdata: bounded.map((o) => o.id), hovertext: bounded.map((o) => hoverText(o, indicator)),
          text: bounded.map(label), textposition: "outside", cliponaxis: false, constraintext: "none",
          marker: { color: s.color, opacity: 0.35, line: { width: 0 } } }));
      }
    }
    drawn.push(...observations.map((o) => o.id));
    const most = Math.max(...observations.map((o) => o.outOf || o.value));
    // Across a phone, the words beside the longest bar need their room: the axis runs on past it.
    const longest = Math.max(...observations.map((o) => label(o).replace(/<br>/g, " ").length));
    const room = Math.min(0.62, (longest * 6.4 + 12) / Math.max(box.clientWidth - 60, 200));
    const valueAxis = rank
      ? { range: [most * 1.08, 0], gridcolor: "#e5e7eb", fixedrange: true, title: { text: KG.plotText(t("rankAxis")), font: { size: 11 } } }
      : { range: [0, top * (across ? 1.12 / (1 - room) : 1.3)], gridcolor: "#e5e7eb", separatethousands: true, fixedrange: true };
    const periodAxis = { type: "category", categoryorder: "array", categoryarray: periods, fixedrange: true };
    const layout = {
      height: across ? Math.max(200, 60 + periods.length * series.length * 34) : 300, barmode: "group",
      bargap: periods.length === 1 ? 0.5 : 0.25, hovermode: "closest", dragmode: false, showlegend: false,
      margin: { l: across ? 44 : 56, r: 12, t: 24, b: 36 },
      xaxis: across ? valueAxis : periodAxis, yaxis: across ? Object.assign({ autorange: "reversed" }, periodAxis) : valueAxis,
      separators: ".,", plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
      font: { family: "system-ui, sans-serif", size: narrow ? 11 : 12 },
    };
    return Plotly.newPlot(plot, traces, layout, Object.assign(KG.plotConfig("chart-" + indicator.id), { scrollZoom: false }))
      .then(() => KG.wirePlotClicks(plot, (pt) => pt.customdata));
  }

  function draw(Plotly) {
    for (const plot of box.querySelectorAll(".chart")) Plotly.purge(plot);
    box.replaceChildren();
    drawn = [];
    const jobs = [];
    for (const indicator of DATA.indicators) {
      const observations = indicator.observations.filter((o) => {
        const iv = [o.period.length === 4 ? o.period + "-01-01" : o.period, o.period.length === 4 ? o.period + "-12-31" : o.period];
        return KG.passes(o.id, iv, o.sources);
      });
      if (observations.length && KG.typeShown(ENT[indicator.id] ? ENT[indicator.id].type : "")) jobs.push(chart(Plotly, indicator, observations));
    }
    hint.textContent = jobs.length ? t("chartsHint") : t("noCharts");
    return Promise.all(jobs).then(() => { box.dataset.drawn = String(drawn.length); });
  }

  const plots = () => [...box.querySelectorAll(".chart")];
  KG.registerView("charts", {
    plotly: true, draw: draw, hint: hint, plots: plots,
    fit: () => { for (const p of plots()) if (p.data) window.Plotly.relayout(p, { "xaxis.autorange": true }); },
  });
  KG.chartItems = () => drawn.slice();
})();
