/* The network view's behaviour: legend and filters, search, side panel, language switch, physics control.
   Every text that comes from the data is put into the page with textContent or as a text node, never as HTML. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const ENT = DATA.entities;
  const EDGE_META = DATA.edgeMeta;
  const SVG = "http://www.w3.org/2000/svg";
  const started = performance.now();

  const UI = {
    en: {
      title: "Mexico security knowledge graph", search: "Find an entity by name…", fit: "Fit view", resume: "Resume layout", freeze: "Freeze layout",
      types: "Types", all: "All", none: "None", period: "Period", from: "From", to: "To", clearPeriod: "Clear period",
      periodHint: "Events and dated relations in a period: YYYY, YYYY-MM or YYYY-MM-DD.",
      source: "Source", allSources: "All sources",
      about: "Node size: number of links. Click a node or a link for its statements and sources; drag to move; " +
        "scroll to zoom.",
      shown: (n, m) => [[String(n), true], [" of " + m + " entities shown", false]],
      links: (n) => n + " links",
      sourceCount: (n) => n + (n === 1 ? " source" : " sources"),
      neighbourhood: (label, depth, total) => "Neighbourhood of " + label + " (depth " + depth + ") of " + total +
        " entities",
      layingOut: (p) => "Laying out… " + p + "%",
      frozen: (s) => "Layout stabilised in " + s + " s and frozen",
      stopped: (s, n, total) => "Layout stopped after " + s + " s (" + n + " of " + total + " iterations) and " +
        "frozen: “Resume layout” refines it",
      running: "Layout running",
      noMatch: "No entity matches",
      alsoKnown: "Also known as: ", description: "Description", dates: "Dates", note: "Curator note",
      entrySources: "Sources for this entry", statements: "Statements", incoming: "Referenced by",
      sourceError: "Source error", correction: "Correction", correctedTo: "Curators' correction:",
      published: "published", by: "by", noSources: "no source given", close: "Close",
      statement: "Statement", hiddenByFilters: "Filters were cleared to show this entity.",
    },
    es: {
      title: "Grafo de conocimiento de la seguridad en México", search: "Buscar una entidad por nombre…", fit: "Ajustar vista", resume: "Reanudar acomodo",
      freeze: "Congelar acomodo", types: "Tipos", all: "Todos", none: "Ninguno", period: "Periodo", from: "Desde",
      to: "Hasta", clearPeriod: "Quitar periodo",
      periodHint: "Eventos y relaciones fechadas en un periodo: AAAA, AAAA-MM o AAAA-MM-DD.",
      source: "Fuente", allSources: "Todas las fuentes",
      about: "Tamaño del nodo: número de vínculos. Haga clic en un nodo o un vínculo para ver sus afirmaciones y " +
        "fuentes; arrastre para mover; use la rueda para acercar.",
      shown: (n, m) => [[String(n), true], [" de " + m + " entidades visibles", false]],
      links: (n) => n + " vínculos",
      sourceCount: (n) => n + (n === 1 ? " fuente" : " fuentes"),
      neighbourhood: (label, depth, total) => "Vecindario de " + label + " (profundidad " + depth + ") de " +
        total + " entidades",
      layingOut: (p) => "Acomodando… " + p + " %",
      frozen: (s) => "Acomodo estabilizado en " + s + " s y congelado",
      stopped: (s, n, total) => "Acomodo detenido tras " + s + " s (" + n + " de " + total + " iteraciones) y " +
        "congelado: «Reanudar acomodo» lo mejora",
      running: "Acomodo en curso",
      noMatch: "Ninguna entidad coincide",
      alsoKnown: "También conocido como: ", description: "Descripción", dates: "Fechas", note: "Nota del curador",
      entrySources: "Fuentes de esta entrada", statements: "Afirmaciones", incoming: "Referido por",
      sourceError: "Error de la fuente", correction: "Corrección", correctedTo: "Corrección de los curadores:",
      published: "publicado", by: "por", noSources: "sin fuente", close: "Cerrar",
      statement: "Afirmación", hiddenByFilters: "Se quitaron los filtros para mostrar esta entidad.",
    },
  };

  const state = {
    lang: DATA.lang === "es" ? "es" : "en",
    hiddenTypes: new Set(),
    period: null,
    source: "",
    physics: true,
    stable: false,
    layoutMs: null,
    iterations: 0,
    budgetStopped: false,
    panel: null,
  };

  // ------------------------------------------------------------ small DOM helpers (text only)
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function setText(id, text) { document.getElementById(id).textContent = text; }
  function t(key) { return UI[state.lang][key]; }
  function pick(labels) { return labels ? (labels[state.lang] || labels.en || "") : ""; }

  function entityLabel(id) {
    if (ENT[id]) return pick(ENT[id].labels);
    if (DATA.sources[id]) return DATA.sources[id].title || pick(DATA.sources[id].labels);
    if (DATA.names[id]) return pick(DATA.names[id].labels);
    return id;
  }
  function typeLabel(name) { return DATA.types[name] ? pick(DATA.types[name].labels) : name; }
  function propLabel(name) { return DATA.properties[name] ? pick(DATA.properties[name]) : name; }
  function conceptLabel(name) { return DATA.concepts[name] ? pick(DATA.concepts[name]) : name; }

  function symbol(shape, color) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("aria-hidden", "true");
    let mark;
    const poly = (points) => {
      const p = document.createElementNS(SVG, "polygon");
      p.setAttribute("points", points);
      return p;
    };
    if (shape === "dot" || shape === "circle" || shape === "ellipse") {
      mark = document.createElementNS(SVG, "ellipse");
      mark.setAttribute("cx", "7"); mark.setAttribute("cy", "7");
      mark.setAttribute("rx", shape === "ellipse" ? "6.5" : "5.5"); mark.setAttribute("ry", shape === "ellipse" ? "4.5" : "5.5");
    } else if (shape === "diamond") {
      mark = poly("7,0.5 13.5,7 7,13.5 0.5,7");
    } else if (shape === "triangle") {
      mark = poly("7,1 13.5,13 0.5,13");
    } else if (shape === "triangleDown") {
      mark = poly("0.5,1 13.5,1 7,13");
    } else if (shape === "star") {
      mark = poly("7,0.5 8.8,5 13.5,5.2 9.8,8.2 11.1,13 7,10.3 2.9,13 4.2,8.2 0.5,5.2 5.2,5");
    } else if (shape === "hexagon") {
      mark = poly("3.5,1 10.5,1 13.5,7 10.5,13 3.5,13 0.5,7");
    } else {
      mark = document.createElementNS(SVG, "rect");
      mark.setAttribute("x", "1"); mark.setAttribute("y", shape === "box" ? "3" : "1");
      mark.setAttribute("width", "12"); mark.setAttribute("height", shape === "box" ? "8" : "12");
      mark.setAttribute("rx", shape === "box" ? "2" : "0");
    }
    mark.setAttribute("fill", color);
    mark.setAttribute("stroke", "#33333377");
    svg.appendChild(mark);
    return svg;
  }

  // ------------------------------------------------------------ tooltips: elements built from text
  function nodeTooltip(id) {
    const e = ENT[id];
    const desc = e.descriptions ? (e.descriptions[state.lang] || e.descriptions.en || e.descriptions.es || "") : "";
    const short = desc.length > 220 ? desc.slice(0, 217) + "…" : desc;
    return el("div", "", el("div", "tip-title", pick(e.labels)), el("div", "tip-type", typeLabel(e.type)),
      short ? el("div", "tip-desc", short) : null);
  }
  function edgeTooltip(id) {
    const meta = EDGE_META[id];
    const st = meta.statement;
    const bits = [entityLabel(st ? st.s : ""), " — ", pick(meta.labels), " → ", st ? valueText(shownValue(st)) : ""];
    const quals = st ? qualifierText(st.kind === "error" && st.correction ? st.correction : st) : "";
    const count = meta.sources ? meta.sources.length : 0;
    return el("div", "", el("div", "tip-title", bits.join("")), quals ? el("div", "tip-type", quals) : null,
      el("div", "tip-type", t("sourceCount")(count)));
  }
  function shownValue(st) { return st.kind === "error" && st.correction ? st.correction.v : st.v; }

  function valueText(v) {
    if (!v) return "";
    if (v.e !== undefined) return entityLabel(v.e);
    if (v.c !== undefined) return conceptLabel(v.c);
    return v.lang ? v.t + " (" + v.lang + ")" : v.t;
  }
  function qualifierText(st) {
    if (!st.q) return "";
    return Object.keys(st.q).map((name) => propLabel(name) + ": " + valueText(st.q[name])).join(" · ");
  }

  // ------------------------------------------------------------ the network
  const nodes = new vis.DataSet(DATA.nodes.map((n) => Object.assign({}, n, { title: nodeTooltip(n.id) })));
  const edges = new vis.DataSet(DATA.edges.map((e) => Object.assign({}, e, { title: edgeTooltip(e.id) })));
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);

  const status = document.getElementById("status");
  function showStatus(text) { status.textContent = text; }
  network.on("stabilizationProgress", (p) => {
    state.iterations = p.iterations;
    showStatus(t("layingOut")(Math.round((100 * p.iterations) / p.total)));
    // On very large graphs, stop at the time budget: the layout is usable and "Resume layout" refines it.
    if (DATA.layoutBudgetMs && !state.stable && performance.now() - started > DATA.layoutBudgetMs) {
      state.budgetStopped = true;
      network.stopSimulation();
    }
  });
  function layoutDone() {
    if (state.stable) return;
    state.stable = true;
    state.layoutMs = performance.now() - started;
    network.setOptions({ physics: { enabled: false } });
    state.physics = false;
    updatePhysicsButton();
    const total = DATA.options.physics.stabilization.iterations;
    showStatus(state.budgetStopped
      ? t("stopped")((state.layoutMs / 1000).toFixed(1), state.iterations, total)
      : t("frozen")((state.layoutMs / 1000).toFixed(1)));
    document.body.dataset.layout = "stable";
    if (pendingFocus) { const id = pendingFocus; pendingFocus = null; focusNode(id); }
  }
  network.once("stabilizationIterationsDone", layoutDone);
  if (DATA.nodes.length === 0) layoutDone();

  const physicsButton = document.getElementById("physics");
  function updatePhysicsButton() {
    physicsButton.textContent = state.physics ? t("freeze") : t("resume");
    physicsButton.setAttribute("aria-pressed", state.physics ? "true" : "false");
  }
  physicsButton.addEventListener("click", () => {
    state.physics = !state.physics;
    network.setOptions({ physics: { enabled: state.physics, stabilization: { enabled: false } } });
    if (state.physics) { network.startSimulation(); showStatus(t("running")); } else { showStatus(""); }
    updatePhysicsButton();
  });
  document.getElementById("fit").addEventListener("click", () => {
    network.fit({ nodes: network.body.nodeIndices.slice(), animation: { duration: 400 } });  // what is drawn
  });

  // ------------------------------------------------------------ legend and type filter
  const legendBox = document.getElementById("legend");
  function buildLegend() {
    legendBox.replaceChildren();
    const groups = new Map();
    for (const row of DATA.legend) {
      if (!groups.has(row.group)) groups.set(row.group, []);
      groups.get(row.group).push(row);
    }
    for (const [group, rows] of groups) {
      const box = el("div", "legend-group");
      const groupCheck = el("input");
      groupCheck.type = "checkbox";
      groupCheck.dataset.group = group;
      const shownCount = rows.filter((r) => !state.hiddenTypes.has(r.type)).length;
      groupCheck.checked = shownCount > 0;
      groupCheck.indeterminate = shownCount > 0 && shownCount < rows.length;
      groupCheck.addEventListener("change", () => {
        for (const r of rows) {
          if (groupCheck.checked) state.hiddenTypes.delete(r.type); else state.hiddenTypes.add(r.type);
        }
        buildLegend();
        applyFilters();
      });
      const groupName = DATA.groups[group] ? pick(DATA.groups[group]) : group;
      const total = rows.reduce((sum, r) => sum + r.count, 0);
      if (rows.length > 1 || rows[0].type !== group) {
        box.appendChild(el("label", "", groupCheck, groupName + " (" + total + ")"));
      }
      for (const row of rows) {
        const check = el("input");
        check.type = "checkbox";
        check.dataset.type = row.type;
        check.checked = !state.hiddenTypes.has(row.type);
        check.addEventListener("change", () => {
          if (check.checked) state.hiddenTypes.delete(row.type); else state.hiddenTypes.add(row.type);
          buildLegend();
          applyFilters();
        });
        const label = el("label", "legend-row", check, symbol(row.shape, row.color), pick(row.labels),
          el("span", "count", String(row.count)));
        if (rows.length === 1 && rows[0].type === group) label.style.paddingLeft = "0";
        box.appendChild(label);
      }
      legendBox.appendChild(box);
    }
  }
  document.getElementById("types-all").addEventListener("click", () => {
    state.hiddenTypes.clear(); buildLegend(); applyFilters();
  });
  document.getElementById("types-none").addEventListener("click", () => {
    for (const row of DATA.legend) state.hiddenTypes.add(row.type);
    buildLegend(); applyFilters();
  });

  // ------------------------------------------------------------ period and source filters
  const fromInput = document.getElementById("date-from");
  const toInput = document.getElementById("date-to");
  const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  function bound(text, end) {
    const m = DATE_RE.exec(text.trim());
    if (!m) return null;
    if (m[3]) return m[0];
    if (m[2]) {
      if (!end) return m[1] + "-" + m[2] + "-01";
      const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
      return m[1] + "-" + m[2] + "-" + String(last).padStart(2, "0");
    }
    return m[1] + (end ? "-12-31" : "-01-01");
  }
  function readPeriod() {
    const fromText = fromInput.value.trim();
    const toText = toInput.value.trim();
    const lo = fromText ? bound(fromText, false) : "0000-01-01";
    const hi = toText ? bound(toText, true) : "9999-12-31";
    fromInput.classList.toggle("invalid", fromText !== "" && lo === null);
    toInput.classList.toggle("invalid", toText !== "" && hi === null);
    if (!fromText && !toText) return null;
    if (lo === null || hi === null) return state.period;
    return [lo, hi];
  }
  for (const input of [fromInput, toInput]) {
    input.addEventListener("input", () => { state.period = readPeriod(); applyFilters(); });
  }
  document.getElementById("period-clear").addEventListener("click", () => {
    fromInput.value = ""; toInput.value = ""; state.period = readPeriod(); applyFilters();
  });
  (function periodPlaceholders() {
    let lo = null, hi = null;
    const consider = (iv) => {
      if (!iv) return;
      for (const d of iv) {
        if (d === "0000-01-01" || d === "9999-12-31") continue;
        if (lo === null || d < lo) lo = d;
        if (hi === null || d > hi) hi = d;
      }
    };
    for (const id in ENT) consider(ENT[id].dates);
    for (const id in EDGE_META) consider(EDGE_META[id].dates);
    if (lo) fromInput.placeholder = lo.slice(0, 4);
    if (hi) toInput.placeholder = hi.slice(0, 4);
  })();

  const sourceSelect = document.getElementById("source-filter");
  const sourceCounts = {};
  for (const id in ENT) for (const s of ENT[id].sources) sourceCounts[s] = (sourceCounts[s] || 0) + 1;
  for (const id in EDGE_META) for (const s of (EDGE_META[id].sources || [])) sourceCounts[s] = (sourceCounts[s] || 0) + 1;
  const SOURCE_ORDER = { Article: 0, CitedWork: 1, CuratorKnowledge: 2 };
  const sourceIds = Object.keys(DATA.sources).sort((a, b) => {
    const ka = SOURCE_ORDER[DATA.sources[a].type] ?? 1, kb = SOURCE_ORDER[DATA.sources[b].type] ?? 1;
    return ka - kb || entityLabel(a).localeCompare(entityLabel(b));
  });
  function buildSourceSelect() {
    sourceSelect.replaceChildren();
    const all = el("option", "", t("allSources"));
    all.value = "";
    sourceSelect.appendChild(all);
    for (const id of sourceIds) {
      const option = el("option", "", entityLabel(id) + " (" + (sourceCounts[id] || 0) + ")");
      option.value = id;
      sourceSelect.appendChild(option);
    }
    sourceSelect.value = state.source;
  }
  sourceSelect.addEventListener("change", () => { state.source = sourceSelect.value; applyFilters(); });

  // ------------------------------------------------------------ applying the filters
  const nodeHidden = {};
  const edgeHidden = {};
  for (const n of DATA.nodes) nodeHidden[n.id] = false;
  for (const e of DATA.edges) edgeHidden[e.id] = false;

  function applyFilters() {
    const period = state.period;
    const source = state.source;
    const inPeriod = (iv) => !period || (iv[0] <= period[1] && iv[1] >= period[0]);
    const base = (id) => !state.hiddenTypes.has(ENT[id].type) && (!ENT[id].dates || inPeriod(ENT[id].dates));
    const edgeOk = {};
    const anchored = new Set();
    const linked = new Set();
    for (const e of DATA.edges) {
      const meta = EDGE_META[e.id];
      const ok = base(e.from) && base(e.to) && (!meta.dates || inPeriod(meta.dates)) &&
        (!source || (meta.sources || []).includes(source));
      edgeOk[e.id] = ok;
      if (!ok) continue;
      if (meta.dates || ENT[e.from].dates) anchored.add(e.to);
      if (meta.dates || ENT[e.to].dates) anchored.add(e.from);
      linked.add(e.from);
      linked.add(e.to);
    }
    const visible = {};
    const nodeChanges = [];
    for (const n of DATA.nodes) {
      const d = ENT[n.id];
      const show = base(n.id) && (!period || Boolean(d.dates) || anchored.has(n.id)) &&
        (!source || d.sources.includes(source) || linked.has(n.id));
      visible[n.id] = show;
      if (nodeHidden[n.id] === show) { nodeHidden[n.id] = !show; nodeChanges.push({ id: n.id, hidden: !show }); }
    }
    const edgeChanges = [];
    for (const e of DATA.edges) {
      const show = edgeOk[e.id] && visible[e.from] && visible[e.to];
      if (edgeHidden[e.id] === show) { edgeHidden[e.id] = !show; edgeChanges.push({ id: e.id, hidden: !show }); }
    }
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    updateCounts();
  }

  function updateCounts() {
    const box = document.getElementById("counts");
    box.replaceChildren();
    const shown = DATA.nodes.filter((n) => !nodeHidden[n.id]).length;
    const links = DATA.edges.filter((e) => !edgeHidden[e.id]).length;
    const line = el("div");
    for (const [text, strong] of t("shown")(shown, DATA.nodes.length)) line.appendChild(strong ? el("strong", "", text) : document.createTextNode(text));
    box.appendChild(line);
    box.appendChild(el("div", "", t("links")(links)));
    if (DATA.focus) box.appendChild(el("div", "", t("neighbourhood")(entityLabel(DATA.focus), DATA.depth, DATA.total)));
  }

  function clearFilters() {
    state.hiddenTypes.clear();
    state.source = "";
    fromInput.value = "";
    toInput.value = "";
    state.period = readPeriod();
    sourceSelect.value = "";
    buildLegend();
    applyFilters();
  }

  // ------------------------------------------------------------ selecting and focusing
  let pendingFocus = null;
  function focusNode(id) {
    if (!ENT[id]) return false;
    let note = null;
    if (nodeHidden[id]) { clearFilters(); note = t("hiddenByFilters"); }
    showEntity(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    if (note) showStatus(note);
    return true;
  }

  network.on("click", (params) => {
    if (params.nodes.length) showEntity(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else closePanel();
  });

  // ------------------------------------------------------------ the side panel
  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", closePanel);
  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    state.panel = null;
    network.setSize("100%", "100%");
  }
  function openPanel() {
    const wasHidden = panel.hidden;
    panel.hidden = false;
    panel.scrollTop = 0;
    if (wasHidden) network.setSize("100%", "100%");  // the canvas just got narrower: let vis-network know now
  }

  function entityLink(id) {
    const label = entityLabel(id);
    if (!ENT[id]) return el("span", "", label);
    const link = el("a", "entity-link", label);
    link.href = "#" + encodeURIComponent(id);
    link.addEventListener("click", (ev) => { ev.preventDefault(); focusNode(id); });
    return link;
  }
  function valueNode(v) {
    if (v && v.e !== undefined) return entityLink(v.e);
    return el("span", "", valueText(v));
  }

  function citationItem(cite) {
    const [sourceId, locator] = cite;
    const s = DATA.sources[sourceId];
    const li = el("li");
    li.dataset.source = sourceId;
    if (!s) { li.appendChild(document.createTextNode(sourceId + (locator ? ", " + locator : ""))); return li; }
    li.appendChild(el("span", "src-title", s.title || pick(s.labels)));
    const facts = [];
    if (s.authors) facts.push(t("by") + " " + s.authors.join(", "));
    if (s.publisher) facts.push(s.publisher);
    if (s.date) facts.push(s.date);
    if (facts.length) li.appendChild(document.createTextNode(" — " + facts.join(", ")));
    if (locator) li.appendChild(el("span", "loc", " — " + locator));
    return li;
  }
  function sourceList(cites) {
    const ul = el("ul", "sources");
    if (!cites || !cites.length) { ul.appendChild(el("li", "", t("noSources"))); return ul; }
    for (const c of cites) ul.appendChild(citationItem(c));
    return ul;
  }

  function statementBlock(st, withSubject) {
    const kind = st.kind || "";
    const box = el("div", "statement" + (kind ? " " + kind : ""));
    box.dataset.predicate = st.p;
    const head = el("div", "value");
    if (kind === "error" || kind === "correction") {
      head.appendChild(el("span", "mark", t(kind === "error" ? "sourceError" : "correction")));
      head.appendChild(document.createTextNode(" "));
    }
    // Listed under "referenced by", the value is the entity the panel is about: name the subject instead.
    head.appendChild(withSubject ? entityLink(st.s) : valueNode(st.v));
    box.appendChild(head);
    const quals = qualifierText(st);
    if (quals) box.appendChild(el("div", "quals", quals));
    if (st.error) box.appendChild(el("div", "why", st.error));
    if (st.note) box.appendChild(el("div", "note", st.note));
    box.appendChild(sourceList(st.cites));
    if (st.correction) {
      const nested = el("div", "nested", el("div", "quals", t("correctedTo")), statementBlock(st.correction, false));
      box.appendChild(nested);
    }
    return box;
  }

  function groupedStatements(records, withSubject) {
    const groups = new Map();
    for (const st of records) {
      const key = propLabel(st.p);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(st);
    }
    const out = el("div");
    for (const [label, items] of groups) {
      const section = el("section", "predicate");
      section.dataset.predicate = items[0].p;
      section.appendChild(el("h4", "", label));
      for (const st of items) section.appendChild(statementBlock(st, withSubject));
      out.appendChild(section);
    }
    return out;
  }

  function showEntity(id) {
    const e = ENT[id];
    if (!e) return;
    state.panel = { entity: id };
    panelBody.replaceChildren();
    panelBody.dataset.entity = id;
    const other = state.lang === "en" ? "es" : "en";
    panelBody.appendChild(el("h2", "", e.labels[state.lang]));
    if (e.labels[other] !== e.labels[state.lang]) panelBody.appendChild(el("p", "other-label", e.labels[other] + " (" + other + ")"));
    const type = DATA.types[e.type];
    panelBody.appendChild(el("div", "type-badge", symbol(type.shape, type.color), typeLabel(e.type)));
    if (e.aliases) panelBody.appendChild(el("div", "aliases", t("alsoKnown") + e.aliases.join(", ")));
    if (e.descriptions) {
      const desc = e.descriptions[state.lang] || e.descriptions.en || e.descriptions.es;
      panelBody.appendChild(el("p", "description", desc));
      const otherDesc = e.descriptions[other];
      if (otherDesc && otherDesc !== desc) panelBody.appendChild(el("p", "description other-label", otherDesc));
    }
    const dated = e.statements.filter((st) => DATA.temporal.includes(st.p));
    if (dated.length) {
      panelBody.appendChild(el("div", "dates", t("dates") + ": " +
        dated.map((st) => propLabel(st.p) + " " + valueText(shownValue(st))).join(" · ")));
    }
    if (e.note) panelBody.appendChild(el("div", "note", t("note") + ": " + e.note));
    panelBody.appendChild(el("h3", "", t("entrySources")));
    panelBody.appendChild(sourceList(e.cites));
    if (e.statements.length) {
      panelBody.appendChild(el("h3", "", t("statements")));
      panelBody.appendChild(groupedStatements(e.statements, false));
    }
    if (e.incoming.length) {
      panelBody.appendChild(el("h3", "", t("incoming")));
      panelBody.appendChild(groupedStatements(e.incoming, true));
    }
    openPanel();
  }

  function showEdge(id) {
    const meta = EDGE_META[id];
    if (!meta || !meta.statement) return;
    state.panel = { edge: id };
    panelBody.replaceChildren();
    delete panelBody.dataset.entity;
    const st = meta.statement;
    panelBody.appendChild(el("h2", "", pick(meta.labels)));
    panelBody.appendChild(el("p", "other-label", t("statement")));
    const head = el("p", "", entityLink(st.s), " → ", valueNode(shownValue(st)));
    panelBody.appendChild(head);
    panelBody.appendChild(statementBlock(st, false));
    openPanel();
  }

  function refreshPanel() {
    if (!state.panel) return;
    if (state.panel.entity) showEntity(state.panel.entity); else showEdge(state.panel.edge);
  }

  // ------------------------------------------------------------ search with suggestions
  const searchInput = document.getElementById("search");
  const suggestionList = document.getElementById("suggestions");
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const searchIndex = DATA.nodes.map((n) => {
    const e = ENT[n.id];
    // A match on a name counts more than one on an alias, and that more than one on the id.
    const keys = [[e.labels.en, 0], [e.labels.es, 0], ...(e.aliases || []).map((a) => [a, 0.25]), [n.id, 0.5]];
    return { id: n.id, keys: keys.map(([k, penalty]) => [fold(k), penalty]) };
  });
  let suggestions = [];
  let active = -1;
  function rank(keys, q) {
    let best = Infinity;
    for (const [k, penalty] of keys) {
      let r = Infinity;
      if (k === q) r = 0;
      else if (k.startsWith(q)) r = 1;
      else if (k.includes(" " + q) || k.includes("-" + q)) r = 2;
      else if (k.includes(q)) r = 3;
      best = Math.min(best, r + penalty);
    }
    return best;
  }
  function renderSuggestions() {
    suggestionList.replaceChildren();
    suggestions.forEach((id, i) => {
      const e = ENT[id];
      const type = DATA.types[e.type];
      const li = el("li", "", symbol(type.shape, type.color), el("span", "", pick(e.labels)), el("span", "sub", typeLabel(e.type)));
      li.setAttribute("role", "option");
      li.dataset.id = id;
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(id); });
      suggestionList.appendChild(li);
    });
    const open = suggestions.length > 0 || (searchInput.value.trim() !== "" && document.activeElement === searchInput);
    if (!suggestions.length && searchInput.value.trim() !== "") {
      suggestionList.appendChild(el("li", "sub", t("noMatch")));
    }
    suggestionList.hidden = !open;
    searchInput.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function updateSuggestions() {
    const q = fold(searchInput.value.trim());
    if (!q) { suggestions = []; active = -1; renderSuggestions(); return; }
    suggestions = searchIndex
      .map((item) => ({ id: item.id, r: rank(item.keys, q) }))
      .filter((x) => x.r < Infinity)
      .sort((a, b) => a.r - b.r || entityLabel(a.id).localeCompare(entityLabel(b.id)))
      .slice(0, 12)
      .map((x) => x.id);
    active = suggestions.length ? 0 : -1;
    renderSuggestions();
  }
  function choose(id) {
    searchInput.value = entityLabel(id);
    suggestions = [];
    active = -1;
    renderSuggestions();
    suggestionList.hidden = true;
    if (state.stable) focusNode(id); else pendingFocus = id;
  }
  searchInput.addEventListener("input", updateSuggestions);
  searchInput.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && suggestions.length) { active = (active + 1) % suggestions.length; renderSuggestions(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && suggestions.length) { active = (active - 1 + suggestions.length) % suggestions.length; renderSuggestions(); ev.preventDefault(); }
    else if (ev.key === "Enter") { if (active >= 0) choose(suggestions[active]); ev.preventDefault(); }
    else if (ev.key === "Escape") { suggestions = []; renderSuggestions(); suggestionList.hidden = true; }
  });
  searchInput.addEventListener("blur", () => { suggestionList.hidden = true; });
  searchInput.addEventListener("focus", updateSuggestions);

  // ------------------------------------------------------------ language
  function applyLanguage(lang, initial) {
    const changed = lang !== state.lang;
    state.lang = lang;
    document.documentElement.lang = lang;
    for (const b of document.querySelectorAll(".lang-switch button")) b.classList.toggle("active", b.dataset.lang === lang);
    searchInput.placeholder = t("search");
    setText("page-title", t("title"));
    document.title = t("title");
    setText("fit", t("fit"));
    setText("h-types", t("types"));
    setText("types-all", t("all"));
    setText("types-none", t("none"));
    setText("h-period", t("period"));
    setText("period-hint", t("periodHint"));
    setText("l-from", t("from"));
    setText("l-to", t("to"));
    setText("period-clear", t("clearPeriod"));
    setText("h-source", t("source"));
    setText("about", t("about"));
    document.getElementById("panel-close").setAttribute("aria-label", t("close"));
    updatePhysicsButton();
    buildLegend();
    buildSourceSelect();
    if (changed && !initial) {  // the drawn labels are already in the page's opening language
      nodes.update(DATA.nodes.map((n) => ({ id: n.id, label: ENT[n.id].labels[lang], title: nodeTooltip(n.id) })));
      edges.update(DATA.edges.map((e) => ({ id: e.id, label: EDGE_META[e.id].labels[lang], title: edgeTooltip(e.id) })));
    }
    updateCounts();
    refreshPanel();
    if (suggestions.length) renderSuggestions();
  }
  for (const b of document.querySelectorAll(".lang-switch button")) b.addEventListener("click", () => applyLanguage(b.dataset.lang));

  applyLanguage(state.lang, true);
  applyFilters();
  if (location.hash.length > 1) {
    const id = decodeURIComponent(location.hash.slice(1));
    if (ENT[id]) { if (state.stable) focusNode(id); else pendingFocus = id; }
  }

  // For tests and for curious readers in the browser console.
  window.kgView = {
    network: network, nodes: nodes, edges: edges, state: state, data: DATA,
    focusNode: focusNode, applyLanguage: applyLanguage,
    drawnNodeIds: () => network.body.nodeIndices.slice(),
    drawnEdgeIds: () => network.body.edgeIndices.slice(),
  };
})();
