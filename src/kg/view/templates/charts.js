/* The indicator charts (plotly.js): one chart per indicator, its observations by period, one bar per figure with
   the producing agency's figures side by side; projections, preliminary figures and estimates hatched; the reporting
   source and the producing agency on hover; a click opens the observation's page. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, t = KG.t, state = KG.state, el = KG.el;
  const box = document.getElementById("charts");
  const hint = document.getElementById("charts-hint");
  // Statuses that are not a final count: drawn hatched and named in the legend.
  const TENTATIVE = /projection|preliminary|estimate/;
  let drawn = [];

  function sourceTitle(id) { const s = DATA.sources[id]; return s ? s.title || KG.pick(s.labels) : KG.entityLabel(id); }

  function chart(Plotly, indicator, observations) {
    const card = el("section", "chart-card");
    card.dataset.indicator = indicator.id;
    const title = el("h3", "");
    title.appendChild(KG.entityLink(indicator.id));
    if (indicator.unit) title.appendChild(el("span", "sub", " · " + indicator.unit));
    card.appendChild(title);
    const plot = el("div", "chart");
    card.appendChild(plot);
    box.appendChild(card);
    const periods = [...new Set(observations.map((o) => o.period))].sort();
    const producers = [...new Set(observations.map((o) => o.producer || ""))];
    const traces = producers.map((producer, i) => {
      const list = observations.filter((o) => (o.producer || "") === producer);
      return {
        type: "bar", name: KG.plotText(producer ? KG.entityLabel(producer) : "—"),
        x: list.map((o) => o.period), y: list.map((o) => o.value), customdata: list.map((o) => o.id),
        text: list.map((o) => KG.formatNumber(o.value) + (o.status && TENTATIVE.test(o.status) ? "*" : "")),
        textposition: "outside", cliponaxis: false, hoverinfo: "text",
        hovertext: list.map((o) => [
          "<b>" + KG.plotText(KG.entityLabel(o.id)) + "</b>",
          t("periodLabel") + ": " + KG.formatDate(o.period), t("value") + ": " + KG.formatNumber(o.value) + (o.unit ? " " + KG.plotText(o.unit) : ""),
          o.status ? t("status") + ": " + KG.plotText(KG.conceptLabel(o.status)) : "",
          o.producer ? t("producer") + ": " + KG.plotText(KG.entityLabel(o.producer)) : "",
          t("reportedBy") + ": " + o.sources.map((s) => KG.plotText(sourceTitle(s))).join("; "),
        ].filter(Boolean).join("<br>")),
        marker: { color: KG.PALETTE[i % KG.PALETTE.length],
          pattern: { shape: list.map((o) => (o.status && TENTATIVE.test(o.status) ? "/" : "")), fillmode: "overlay",
            fgcolor: "#ffffff", fgopacity: 0.9, size: 7 },
          line: { color: "#1f2937", width: list.map((o) => (state.highlight === o.id ? 3 : 0)) } },
      };
    });
    drawn.push(...observations.map((o) => o.id));
    const narrow = box.clientWidth < 600;
    const layout = {
      height: narrow ? 250 : 270, barmode: "group", bargap: periods.length === 1 ? 0.6 : 0.25, margin: { l: 56, r: 12, t: 24, b: 40 }, hovermode: "closest",
      dragmode: "pan", showlegend: true, legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0 },
      xaxis: { type: "category", categoryorder: "array", categoryarray: periods, fixedrange: true },
      yaxis: { rangemode: "tozero", gridcolor: "#e5e7eb", separatethousands: true, fixedrange: true },
      separators: ".,", plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff", font: { family: "system-ui, sans-serif", size: 12 },
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
    fit: () => { for (const p of plots()) if (p.data) window.Plotly.relayout(p, { "xaxis.autorange": true, "yaxis.autorange": true }); },
  });
  KG.chartItems = () => drawn.slice();
})();
