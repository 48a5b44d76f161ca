/* The map (plotly.js on plain longitude/latitude axes: no base-map tiles or topojson to fetch): Mexico's states from
   Natural Earth, shaded where the graph has the state as an entity; every place with coordinates; the events at
   those places, incidents sized by their death toll. Places and events are marked in their type's colour and glyph,
   as in the network and the legend. Marks are laid out in screen pixels at the current zoom: the events at a place
   fanned around it, places too close to tell apart gathered into one mark with a count (a click zooms in), names
   beside their marks inside the frame, none over another. Places without coordinates are listed below, not
   guessed; "show on the map" for an entity without a mark says so and shows its nearest mapped place. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, t = KG.t, state = KG.state, el = KG.el;
  const box = document.getElementById("map");
  const hint = document.getElementById("map-hint");
  const note = document.getElementById("map-note");
  const legendBox = document.getElementById("map-legend");
  const listBox = document.getElementById("map-unlocated");
  const located = KG.dict();
  for (const p of DATA.places.located) located[p.id] = p;
  const stateEntity = KG.dict(DATA.places.states);
  const ANCHORS = KG.dict(DATA.places.anchors);
  const knownStates = new Set(Object.values(stateEntity));
  KG.mapKnowsState = (id) => knownStates.has(id);
  const RANGE = { x: [-118.6, -86.4], y: [14.2, 33.0] };
  const LABEL_FONT = 11, FACE = "system-ui, sans-serif";
  const drawn = { places: [], events: [], clusters: [], highlighted: [] };
  note.hidden = true;

  function eventsAt(placeId, events) { return events.filter((ev) => ev.places.includes(placeId)); }
  const measure = document.createElement("canvas").getContext("2d");
  function textWidth(text) { measure.font = LABEL_FONT + "px " + FACE; return measure.measureText(text).width; }

  /** What "show on the map" shows for an entity, and what the map says about it. */
  function target(id) {
    if (!id) return null;
    const events = KG.eventsOf(id).filter((ev) => ev.places.some((p) => located[p]));
    if (located[id] || knownStates.has(id)) return { ids: new Set([id, ...events.map((e) => e.id)]), say: null };
    if (DATA.timeline.some((ev) => ev.id === id && ev.places.some((p) => located[p]))) return { ids: new Set([id]), say: null };
    if (events.length) return { ids: new Set(events.map((e) => e.id)), say: t("mapEventsOf")(KG.entityLabel(id), events.length) };
    const anchor = ANCHORS[id];
    if (anchor) {
      const path = anchor.via.map(([p, to]) => KG.propLabel(p) + " " + KG.entityLabel(to)).join(" → ");
      return { ids: new Set([anchor.place]), say: t("mapNearest")(KG.entityLabel(id), KG.entityLabel(anchor.place), path) };
    }
    return { ids: new Set(), say: t("mapNothing")(KG.entityLabel(id)) };
  }
  KG.mapTarget = (id) => { const x = target(id); return x && (x.ids.size > 0 || x.say) ? x : null; };

  /** Marks laid out in pixels of the plot area at the current zoom: fans, clusters, and where each name goes. */
  function layoutMarks(places, events, xa, ya, highlight) {
    const W = xa._length, H = ya._length;
    const px = (p) => ({ x: xa.l2p(p.lon), y: ya.l2p(p.lat) });
    const items = places.map((p) => {
      const here = eventsAt(p.id, events);
      const sizes = here.map((ev) => (ev.toll ? Math.min(34, 10 + 4 * Math.sqrt(ev.toll.max)) : 12));
      const ring = here.length ? Math.max(16, sizes.reduce((s, d) => s + d + 4, 0) / (2 * Math.PI)) + 5 : 0;
      return { place: p, at: px(p), events: here, sizes: sizes, ring: ring,
        reach: here.length ? ring + Math.max(...sizes) / 2 : 6 };
    });
    // Places whose marks would touch are gathered (transitively) into one mark with a count.
    const parent = items.map((_, i) => i);
    const root = (i) => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        if (Math.hypot(a.at.x - b.at.x, a.at.y - b.at.y) < a.reach + b.reach + 4) parent[root(i)] = root(j);
      }
    }
    const groups = new Map();
    items.forEach((item, i) => { const r = root(i); if (!groups.has(r)) groups.set(r, []); groups.get(r).push(item); });
    const singles = [], clusters = [];
    for (const members of groups.values()) {
      if (members.length === 1) { singles.push(members[0]); continue; }
      const x = members.reduce((s, m) => s + m.at.x, 0) / members.length, y = members.reduce((s, m) => s + m.at.y, 0) / members.length;
      const count = members.reduce((s, m) => s + 1 + m.events.length, 0);
      const lit = highlight && members.some((m) => highlight.has(m.place.id) || m.events.some((ev) => highlight.has(ev.id)));
      clusters.push({ members: members, at: { x: x, y: y }, count: count, size: Math.min(44, 22 + 3 * Math.sqrt(count)), lit: lit });
    }
    const marks = [];  // every clickable mark, in pixels: for the fans and to keep names off them
    for (const item of singles) {
      marks.push({ kind: "place", id: item.place.id, x: item.at.x, y: item.at.y, size: 10 });
      item.events.forEach((ev, i) => {
        const a = -Math.PI / 2 + (2 * Math.PI * i) / item.events.length;
        marks.push({ kind: "event", id: ev.id, ev: ev, place: item.place.id, size: item.sizes[i],
          x: item.at.x + item.ring * Math.cos(a), y: item.at.y + item.ring * Math.sin(a) });
      });
    }
    for (const c of clusters) marks.push({ kind: "cluster", cluster: c, x: c.at.x, y: c.at.y, size: c.size });
    // Names: beside the place's own mark (outside its fan), inside the frame, over no mark and no other name.
    const taken = marks.map((m) => ({ x: m.x - m.size / 2, y: m.y - m.size / 2, w: m.size, h: m.size }));
    const hits = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const labels = [];
    const order = singles.slice().sort((a, b) => b.events.length - a.events.length || a.place.id.localeCompare(b.place.id));
    for (const item of order) {
      const text = KG.entityLabel(item.place.id), w = textWidth(text) + 6, h = LABEL_FONT + 6, r = Math.max(item.reach, 6) + 3;
      const { x, y } = item.at;
      const spots = [
        { box: { x: x + r, y: y - h / 2, w: w, h: h }, pos: "middle right", at: [x + r, y] },
        { box: { x: x - r - w, y: y - h / 2, w: w, h: h }, pos: "middle left", at: [x - r, y] },
        { box: { x: x - w / 2, y: y - r - h, w: w, h: h }, pos: "top center", at: [x, y - r] },
        { box: { x: x - w / 2, y: y + r, w: w, h: h }, pos: "bottom center", at: [x, y + r] },
      ];
      const spot = spots.find((s) => s.box.x >= 2 && s.box.y >= 2 && s.box.x + s.box.w <= W - 2 && s.box.y + s.box.h <= H - 2 &&
        !taken.some((o) => hits(o, s.box)));
      if (!spot) continue;
      taken.push(spot.box);
      labels.push({ id: item.place.id, text: text, pos: spot.pos, at: spot.at });
    }
    return { marks: marks, labels: labels, clusters: clusters, toData: (p) => [xa.p2l(p[0]), ya.p2l(p[1])] };
  }

  function legend(places, events) {
    legendBox.replaceChildren();
    const types = [...new Set([...places.map((p) => ENT[p.id].type), ...events.map((ev) => ENT[ev.id].type)])]
      .sort((a, b) => KG.typeLabel(a).localeCompare(KG.typeLabel(b)));
    for (const type of types) {
      legendBox.appendChild(el("span", "legend-item", KG.symbol(DATA.types[type].shape, KG.typeColor(type), 12), KG.typeLabel(type)));
    }
    const count = el("span", "cluster-key", "3");
    legendBox.appendChild(el("span", "legend-item key", count, t("clusterKey")));
    legendBox.appendChild(el("span", "legend-item key", t("tollKey")));
  }

  let stateTraces = 0, stateIds = [];
  function stateOutlines(events, highlight) {
    const traces = [];
    stateIds = [];
    for (const s of DATA.outlines) {
      const id = stateEntity[s.code];
      const xs = [], ys = [];
      for (const ring of s.rings) { for (const [x, y] of ring) { xs.push(x); ys.push(y); } xs.push(null); ys.push(null); }
      const n = id ? eventsAt(id, events).length : 0;
      const lit = Boolean(highlight && id && highlight.has(id));
      traces.push({
        type: "scatter", mode: "lines", x: xs, y: ys, fill: "toself", hoveron: "fills", showlegend: false,
        line: { color: lit ? "#111827" : "#94a3b8", width: lit ? 2.5 : 0.7 },
        fillcolor: lit ? "rgba(250,204,21,0.35)" : id ? (n ? "rgba(37,99,235,0.22)" : "rgba(37,99,235,0.10)") : "rgba(241,245,249,0.9)",
        hoverinfo: "text", text: KG.plotText(id ? KG.entityLabel(id) : s.name) + (n ? " · " + t("eventsHere")(n) : ""),
      });
      stateIds.push(id || null);
    }
    stateTraces = traces.length;
    return traces;
  }

  function markTraces(laid, highlight) {
    const traces = [];
    const ring = (ids) => ({ color: ids.map((id) => (highlight && highlight.has(id) ? "#111827" : "#ffffff")),
      width: ids.map((id) => (highlight && highlight.has(id) ? 3 : 1.2)) });
    const byType = new Map();
    for (const m of laid.marks) {
      if (m.kind === "cluster") continue;
      const type = ENT[m.id].type;
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(m);
    }
    for (const [type, list] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
      const where = list.map((m) => laid.toData([m.x, m.y]));
      const ids = list.map((m) => m.id);
      traces.push({
        type: "scatter", mode: "markers", name: KG.plotText(KG.typeLabel(type)), showlegend: false,
        x: where.map((p) => p[0]), y: where.map((p) => p[1]), customdata: ids, hoverinfo: "text",
        hovertext: list.map((m) => (m.kind === "place"
          ? "<b>" + KG.plotText(KG.entityLabel(m.id)) + "</b><br>" + KG.plotText(KG.typeLabel(type)) + "<br>" +
            located[m.id].lat + ", " + located[m.id].lon
          : "<b>" + KG.plotText(KG.entityLabel(m.id)) + "</b><br>" + KG.whenText(m.ev) + "<br>" +
            KG.plotText(KG.entityLabel(m.place)) + (m.ev.toll ? "<br>" + KG.plotText(KG.tollText(m.ev.toll)) : ""))),
        marker: { size: list.map((m) => m.size), color: KG.typeColor(type), symbol: KG.plotSymbol(DATA.types[type].shape),
          opacity: 0.92, line: ring(ids) },
      });
    }
    if (laid.clusters.length) {
      const where = laid.clusters.map((c) => laid.toData([c.at.x, c.at.y]));
      traces.push({
        type: "scatter", mode: "markers+text", showlegend: false, x: where.map((p) => p[0]), y: where.map((p) => p[1]),
        customdata: laid.clusters.map((_, i) => "cluster:" + i), text: laid.clusters.map((c) => String(c.count)),
        textposition: "middle center", textfont: { color: "#ffffff", size: 12, family: FACE },
        hoverinfo: "text", hovertext: laid.clusters.map((c) => t("clusterHover")(c.count,
          c.members.map((m) => KG.plotText(KG.entityLabel(m.place.id))).join(", "))),
        marker: { size: laid.clusters.map((c) => c.size), color: "#334155", opacity: 0.9,
          line: { color: laid.clusters.map((c) => (c.lit ? "#facc15" : "#ffffff")), width: laid.clusters.map((c) => (c.lit ? 4 : 1.5)) } },
      });
    }
    if (laid.labels.length) {
      const where = laid.labels.map((l) => laid.toData(l.at));
      traces.push({
        type: "scatter", mode: "text", showlegend: false, hoverinfo: "skip", x: where.map((p) => p[0]), y: where.map((p) => p[1]),
        text: laid.labels.map((l) => KG.plotText(l.text)), textposition: laid.labels.map((l) => l.pos),
        textfont: { size: LABEL_FONT, color: "#1f2937", family: FACE }, customdata: laid.labels.map((l) => "label:" + l.id),
      });
    }
    return traces;
  }

  let current = null;  // the last drawing's clusters, for a click on one
  function draw(Plotly) {
    const events = DATA.timeline.filter((ev) => KG.passes(ev.id, [ev.start, ev.end], ev.sources));
    const places = DATA.places.located.filter((p) => KG.typeShown(ENT[p.id].type) && (!state.source || ENT[p.id].sources.includes(state.source) || eventsAt(p.id, events).length));
    const aim = target(state.highlight);
    const highlight = aim ? aim.ids : null;
    note.textContent = aim && aim.say ? aim.say : "";
    note.hidden = !(aim && aim.say);
    const narrow = box.clientWidth < 600;
    drawn.places = places.map((p) => p.id);
    drawn.events = [];
    legend(places, events);
    const unlocated = DATA.places.unlocated.filter((id) => KG.typeShown(ENT[id].type));
    hint.textContent = t("mapHint")(places.length, unlocated.length);
    listBox.replaceChildren(el("h3", "", t("unlocated") + " (" + unlocated.length + ")"));
    const ul = el("ul", "unlocated");
    for (const id of unlocated) {
      const n = eventsAt(id, events).length;
      ul.appendChild(el("li", "", KG.entityLink(id), el("span", "sub", " " + KG.typeLabel(ENT[id].type) + (n ? " · " + t("eventsHere")(n) : ""))));
    }
    listBox.appendChild(ul);
    const ranges = box._fullLayout && box.dataset.zoomed ? { x: box._fullLayout.xaxis.range.slice(), y: box._fullLayout.yaxis.range.slice() } : RANGE;
    const layout = {
      height: narrow ? 440 : Math.max(480, Math.min(720, box.clientWidth * 0.62)),
      margin: { l: 4, r: 4, t: 4, b: 4 }, dragmode: "pan", hovermode: "closest", showlegend: false,
      xaxis: { range: ranges.x, visible: false }, yaxis: { range: ranges.y, visible: false, scaleanchor: "x", scaleratio: 1.08 },
      plot_bgcolor: "#eef6fb", paper_bgcolor: "#ffffff", font: { family: FACE, size: 12 },
      annotations: [{ text: "Natural Earth", showarrow: false, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "bottom", font: { size: 9, color: "#94a3b8" } }],
    };
    const outlines = stateOutlines(events, highlight);
    // First the frame (to know how many pixels a degree is at this size and zoom), then the marks laid out in it.
    return Plotly.react(box, outlines, layout, KG.plotConfig()).then(() => {
      const fl = box._fullLayout;
      const laid = layoutMarks(places, events, fl.xaxis, fl.yaxis, highlight);
      current = laid;
      drawn.events = laid.marks.filter((m) => m.kind === "event").map((m) => m.ev.id);
      drawn.clusters = laid.clusters.map((c) => c.members.map((m) => m.place.id));
      const onMap = new Set([...knownStates, ...laid.marks.filter((m) => m.kind !== "cluster").map((m) => m.id),
        ...laid.clusters.flatMap((c) => c.members.flatMap((m) => [m.place.id, ...m.events.map((ev) => ev.id)]))]);
      drawn.highlighted = highlight ? [...highlight].filter((id) => onMap.has(id)).sort() : [];
      layout.xaxis.range = fl.xaxis.range.slice();
      layout.yaxis.range = fl.yaxis.range.slice();
      return Plotly.react(box, outlines.concat(markTraces(laid, highlight)), layout, KG.plotConfig());
    }).then(() => {
      KG.wirePlotClicks(box, (pt) => {
        const id = pt.customdata || (pt.curveNumber < stateTraces ? stateIds[pt.curveNumber] : null);
        return id && !String(id).startsWith("cluster:") && !String(id).startsWith("label:") ? id : null;
      });
      if (!box.dataset.relayout) {
        box.dataset.relayout = "1";
        box.on("plotly_click", (ev) => {
          const id = ev.points && ev.points[0] && ev.points[0].customdata;
          if (id && String(id).startsWith("cluster:")) zoomInto(current.clusters[Number(String(id).slice(8))]);
        });
        // After a zoom or a pan by the reader, the marks are laid out again for the new scale.
        let pending = null;
        box.on("plotly_relayout", (change) => {
          if (!Object.keys(change).some((k) => /^[xy]axis\.range/.test(k))) return;
          box.dataset.zoomed = "1";
          clearTimeout(pending);
          pending = setTimeout(() => KG.drawView("map"), 120);
        });
      }
      box.dataset.places = String(drawn.places.length);
    });
  }

  /** A click on a gathered mark: zoom until its places stand apart. */
  function zoomInto(cluster) {
    if (!cluster) return;
    const lons = cluster.members.map((m) => m.place.lon), lats = cluster.members.map((m) => m.place.lat);
    const pad = Math.max(0.4, (Math.max(...lons) - Math.min(...lons)) * 0.8, (Math.max(...lats) - Math.min(...lats)) * 0.8);
    window.Plotly.relayout(box, { "xaxis.range": [Math.min(...lons) - pad, Math.max(...lons) + pad],
      "yaxis.range": [Math.min(...lats) - pad, Math.max(...lats) + pad] });
  }

  KG.registerView("map", {
    plotly: true, draw: draw, hint: hint, plots: () => [box],
    fit: () => { if (box.data) { delete box.dataset.zoomed; window.Plotly.relayout(box, { "xaxis.range": RANGE.x, "yaxis.range": RANGE.y }); } },
  });
  KG.mapItems = () => ({ places: drawn.places.slice(), events: drawn.events.slice() });
  KG.mapDetails = () => ({ clusters: drawn.clusters.map((c) => c.slice()), highlighted: drawn.highlighted.slice(), note: note.hidden ? "" : note.textContent });
})();
