/* The map (plotly.js on plain longitude/latitude axes: no base-map tiles or topojson to fetch): Mexico's states from
   Natural Earth, shaded where the graph has the state as an entity; every place with coordinates; the events at
   those places, incidents sized by their death toll. Places without coordinates are listed below, not guessed. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, t = KG.t, state = KG.state, el = KG.el;
  const box = document.getElementById("map");
  const hint = document.getElementById("map-hint");
  const listBox = document.getElementById("map-unlocated");
  const located = KG.dict();
  for (const p of DATA.places.located) located[p.id] = p;
  const drawn = { places: [], events: [] };

  // Outline name → the graph's place entity of that name (label or alias, accents and case aside).
  const stateEntity = KG.dict();
  (function matchStates() {
    const byName = KG.dict();
    for (const id in ENT) {
      const e = ENT[id];
      if (!DATA.types[e.type] || DATA.types[e.type].group !== "Place") continue;
      for (const name of [e.labels.en, e.labels.es, ...(e.aliases || [])]) byName[KG.fold(name)] = byName[KG.fold(name)] || id;
    }
    for (const s of DATA.outlines) { const id = byName[KG.fold(s.name)]; if (id) stateEntity[s.code] = id; }
  })();
  const knownStates = new Set(Object.values(stateEntity));
  KG.mapKnowsState = (id) => knownStates.has(id);

  function eventsAt(placeId, events) { return events.filter((ev) => ev.places.includes(placeId)); }

  function draw(Plotly) {
    const events = DATA.timeline.filter((ev) => KG.passes(ev.id, [ev.start, ev.end], ev.sources));
    const places = DATA.places.located.filter((p) => KG.typeShown(ENT[p.id].type) && (!state.source || ENT[p.id].sources.includes(state.source) || eventsAt(p.id, events).length));
    const highlight = state.highlight ? new Set([state.highlight, ...KG.eventsOf(state.highlight).map((e) => e.id)]) : null;
    const narrow = box.clientWidth < 600;
    const traces = [];
    const stateIds = [];
    for (const s of DATA.outlines) {
      const id = stateEntity[s.code];
      const xs = [], ys = [];
      for (const ring of s.rings) { for (const [x, y] of ring) { xs.push(x); ys.push(y); } xs.push(null); ys.push(null); }
      const n = id ? eventsAt(id, events).length : 0;
      const lit = highlight && id && highlight.has(id);
      traces.push({
        type: "scatter", mode: "lines", x: xs, y: ys, fill: "toself", hoveron: "fills", showlegend: false,
        line: { color: lit ? "#111827" : "#94a3b8", width: lit ? 2 : 0.7 },
        fillcolor: id ? (n ? "rgba(37,99,235,0.22)" : "rgba(37,99,235,0.10)") : "rgba(241,245,249,0.9)",
        hoverinfo: "text", text: KG.plotText(id ? KG.entityLabel(id) : s.name) + (n ? " · " + t("eventsHere")(n) : ""),
      });
      stateIds.push(id || null);
    }
    const stateTraces = traces.length;
    // Places: small grey rings, labelled.
    drawn.places = places.map((p) => p.id);
    traces.push({
      type: "scatter", mode: "markers+text", name: t("place"), x: places.map((p) => p.lon), y: places.map((p) => p.lat),
      customdata: places.map((p) => p.id), text: places.map((p) => KG.plotText(KG.entityLabel(p.id))),
      textposition: "top center", textfont: { size: 11, color: "#374151" }, hoverinfo: "text",
      hovertext: places.map((p) => KG.plotText(KG.entityLabel(p.id)) + "<br>" + KG.plotText(KG.typeLabel(ENT[p.id].type)) + "<br>" + p.lat + ", " + p.lon),
      marker: { size: 9, color: "#ffffff", line: { color: highlight ? places.map((p) => (highlight.has(p.id) ? "#111827" : "#475569")) : "#475569", width: 2 } },
    });
    // Events beside their places, several at one place fanned out on a small circle, so each stays clickable.
    const atPlace = [];
    for (const ev of events) for (const pid of ev.places) if (located[pid] && drawn.places.includes(pid)) atPlace.push([ev, located[pid]]);
    const countAt = KG.dict(), indexAt = KG.dict();
    for (const [, p] of atPlace) countAt[p.id] = (countAt[p.id] || 0) + 1;
    const marks = atPlace.map(([ev, p]) => {
      const i = (indexAt[p.id] = (indexAt[p.id] || 0) + 1) - 1, n = countAt[p.id];
      // Off the place's own ring (which stays clickable), at an angle of their own.
      const r = 0.35, a = Math.PI / 4 + (2 * Math.PI * i) / n;
      return { ev: ev, p: p, x: p.lon + r * Math.cos(a), y: p.lat + r * Math.sin(a) };
    });
    drawn.events = marks.map((m) => m.ev.id);
    for (const incident of [true, false]) {
      const list = marks.filter((m) => Boolean(m.ev.toll) === incident);
      if (!list.length) continue;
      traces.push({
        type: "scatter", mode: "markers", name: t(incident ? "incidentMark" : "eventMark"),
        x: list.map((m) => m.x), y: list.map((m) => m.y), customdata: list.map((m) => m.ev.id), hoverinfo: "text",
        hovertext: list.map((m) => KG.plotText(KG.entityLabel(m.ev.id)) + "<br>" + KG.whenText(m.ev) + "<br>" +
          KG.plotText(KG.entityLabel(m.p.id)) + (m.ev.toll ? "<br>" + t("killed")(KG.formatNumber(m.ev.toll.max)) : "")),
        marker: incident
          ? { size: list.map((m) => 10 + 4 * Math.sqrt(m.ev.toll.max)), color: "rgba(220,38,38,0.55)",
            line: { color: list.map((m) => (highlight && highlight.has(m.ev.id) ? "#111827" : "#7f1d1d")), width: list.map((m) => (highlight && highlight.has(m.ev.id) ? 3 : 1)) } }
          : { size: 12, symbol: "diamond", color: "rgba(217,119,6,0.75)",
            line: { color: list.map((m) => (highlight && highlight.has(m.ev.id) ? "#111827" : "#78350f")), width: list.map((m) => (highlight && highlight.has(m.ev.id) ? 3 : 1)) } },
      });
    }
    const unlocated = DATA.places.unlocated.filter((id) => KG.typeShown(ENT[id].type));
    hint.textContent = t("mapHint")(places.length, unlocated.length);
    listBox.replaceChildren(el("h3", "", t("unlocated") + " (" + unlocated.length + ")"));
    const ul = el("ul", "unlocated");
    for (const id of unlocated) {
      const n = eventsAt(id, events).length;
      ul.appendChild(el("li", "", KG.entityLink(id), el("span", "sub", " " + KG.typeLabel(ENT[id].type) + (n ? " · " + t("eventsHere")(n) : ""))));
    }
    listBox.appendChild(ul);
    const layout = {
      height: narrow ? 420 : Math.max(480, Math.min(720, box.clientWidth * 0.62)),
      margin: { l: 8, r: 8, t: 8, b: narrow ? 60 : 8 }, dragmode: "pan", hovermode: "closest", showlegend: true,
      legend: narrow ? { orientation: "h", x: 0, y: 0, yanchor: "top" } : { x: 0.99, xanchor: "right", y: 0.99, bgcolor: "rgba(255,255,255,0.85)" },
      xaxis: { range: [-118.6, -86.4], visible: false }, yaxis: { range: [14.2, 33.0], visible: false, scaleanchor: "x", scaleratio: 1.08 },
      plot_bgcolor: "#eef6fb", paper_bgcolor: "#ffffff", font: { family: "system-ui, sans-serif", size: 12 },
      annotations: [{ text: "Natural Earth", showarrow: false, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "bottom", font: { size: 9, color: "#94a3b8" } }],
    };
    return Plotly.react(box, traces, layout, KG.plotConfig()).then(() => {
      KG.wirePlotClicks(box, (pt) => pt.customdata || (pt.curveNumber < stateTraces ? stateIds[pt.curveNumber] : null));
      box.dataset.places = String(drawn.places.length);
    });
  }

  const RANGE = { "xaxis.range": [-118.6, -86.4], "yaxis.range": [14.2, 33.0] };
  KG.registerView("map", {
    plotly: true, draw: draw, hint: hint, plots: () => [box],
    fit: () => { if (box.data) window.Plotly.relayout(box, RANGE); },
  });
  KG.mapItems = () => ({ places: drawn.places.slice(), events: drawn.events.slice() });
})();
