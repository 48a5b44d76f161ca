/* The explorer's shared core: the embedded data, the two languages' texts, formatting of numbers and dates, the
   filter state every view reads (types, period, source), the router for `#/...` links, and small DOM helpers.
   Every text that comes from the data is put into the page with textContent or as a text node, never as HTML. */
(function () {
  "use strict";
  const KG = (window.KG = {});
  performance.mark("kg:start");
  const DATA = (KG.data = JSON.parse(document.getElementById("kg-data").textContent));
  performance.mark("kg:data-parsed");
  KG.started = performance.now();
  // What the file leaves out to stay small, rebuilt here: the statements that point to each entity (from their
  // subjects' lists), and each link's statement (from its subject's list, by position).
  (function expand() {
    const ENT = DATA.entities;
    for (const id of Object.keys(ENT)) {
      for (const st of ENT[id].statements) {
        const targets = new Set();
        if (st.v.e !== undefined) targets.add(st.v.e);
        if (st.correction && st.correction.v.e !== undefined) targets.add(st.correction.v.e);
        for (const target of targets) if (target !== id && ENT[target]) ENT[target].incoming.push(Object.assign({ s: id }, st));
      }
    }
    for (const meta of Object.values(DATA.edgeMeta)) {
      const ref = meta.statement;
      if (ref && ref.i !== undefined) meta.statement = Object.assign({ s: ref.s }, ENT[ref.s].statements[ref.i]);
      // A link's label: the property's name, with the participant's role (as on the drawn edge).
      const st = meta.statement && meta.statement.kind === "error" && meta.statement.correction ? meta.statement.correction : meta.statement;
      const role = st && st.q && st.q.role && st.q.role.c;
      meta.labels = {};
      for (const lang of ["en", "es"]) {
        const prop = DATA.properties[meta.p] ? DATA.properties[meta.p][lang] : meta.p;
        meta.labels[lang] = role ? prop + " · " + (DATA.concepts[role] ? DATA.concepts[role][lang] : role) : prop;
      }
    }
  })();

  KG.UI = {
    en: {
      title: "Mexico security knowledge graph", search: "Find an entity by name…", fit: "Fit view",
      resume: "Resume layout", freeze: "Freeze layout", filters: "Filters",
      types: "Types", all: "All", none: "None", period: "Period", from: "From", to: "To", clearPeriod: "Clear period",
      periodHint: "Applies to every view: YYYY, YYYY-MM or YYYY-MM-DD; either end may stay empty.",
      source: "Source", allSources: "All sources", hubs: "Show hubs and their links",
      hubsHint: (names) => "Hubs (" + names + ") link to so much that they are left out of the layout.",
      edges: "Links", edgeSolid: "a statement (click it for its sources)",
      edgeDashed: "the curators' correction of a source's error", edgeHub: "a link to a hub (shown on request)",
      about: "Node size: number of links. Click a node or a link for its page; drag to move; scroll or pinch to zoom.",
      tabs: { network: "Network", timeline: "Timeline", map: "Map", charts: "Charts" },
      shown: (n, m) => [[String(n), true], [" of " + m + " entities shown", false]],
      links: (n) => n + " links",
      sourceCount: (n) => n + (n === 1 ? " source" : " sources"),
      independent: (n) => n + (n === 1 ? " independent source" : " independent sources"),
      neighbourhood: (label, depth, total) => "Neighbourhood of " + label + " (depth " + depth + ", not through hubs) of " + total + " entities",
      layingOut: (p) => "Laying out… " + p + "%",
      frozen: (s) => "Layout stabilised in " + s + " s and frozen",
      precomputed: (s) => "Large graph: drawn in " + s + " s from a layout computed in advance, frozen; " +
        "“Resume layout” refines it",
      running: "Layout running", noMatch: "No entity matches",
      alsoKnown: "Also known as: ", description: "Description", dates: "Dates", note: "Curator note",
      entrySources: "Sources for this entry", statements: "Statements", incoming: "Referenced by",
      sourceError: "Source error", correction: "Correction", correctedTo: "Curators' correction:",
      published: "published", by: "by", noSources: "no source given", close: "Close",
      statement: "Statement", hiddenByFilters: "Filters were cleared to show this entity.",
      disagree: (v) => "Sources disagree: also given as " + v, why: "Why we believe it",
      events: "Events", neighbours: "Neighbours", onTimeline: "Show on the timeline", onMap: "Show on the map", entityPage: "Its page",
      million: "million", between: "between", fromDate: "from", untilDate: "until", unknownEnd: "end unknown",
      timelineHint: (n) => n + " dated events. A dot is a day; a bar a month, a year or a span; a hatched bar an " +
        "uncertain date between its bounds. Drag to pan, scroll or pinch to zoom, click for the event's page.",
      noEvents: "No dated event passes the filters.",
      mapHint: (n, m) => n + (n === 1 ? " place" : " places") + " with coordinates; incidents beside their place, " +
        "sized by deaths. States with entities in the graph are shaded. " +
        (m === 1 ? "1 place has" : m + " places have") + " no coordinates: listed below, not guessed.",
      unlocated: "Places without coordinates", eventsHere: (n) => n + (n === 1 ? " event" : " events"),
      killed: (n) => n + " killed", place: "Place", incidentMark: "Incident (size: deaths)", eventMark: "Other event",
      chartsHint: "Each indicator by period, every source's figure side by side. Hatched: projection, preliminary " +
        "figure or estimate. Hover for the reporting source and the producing agency; click for the observation.",
      noCharts: "No indicator observation passes the filters.",
      producer: "Produced by", reportedBy: "Reported by", status: "Status", value: "Value", periodLabel: "Period",
      group: "Group", caseOr: "Case or type", drawing: "Drawing…",
    },
    es: {
      title: "Grafo de conocimiento de la seguridad en México", search: "Buscar una entidad por nombre…",
      fit: "Ajustar vista", resume: "Reanudar acomodo", freeze: "Congelar acomodo", filters: "Filtros",
      types: "Tipos", all: "Todos", none: "Ninguno", period: "Periodo", from: "Desde", to: "Hasta",
      clearPeriod: "Quitar periodo",
      periodHint: "Se aplica a todas las vistas: AAAA, AAAA-MM o AAAA-MM-DD; cualquier extremo puede quedar vacío.",
      source: "Fuente", allSources: "Todas las fuentes", hubs: "Mostrar nodos centrales y sus vínculos",
      hubsHint: (names) => "Los nodos centrales (" + names + ") tienen tantos vínculos que quedan fuera del acomodo.",
      edges: "Vínculos", edgeSolid: "una afirmación (haga clic para ver sus fuentes)",
      edgeDashed: "la corrección de los curadores a un error de la fuente",
      edgeHub: "un vínculo con un nodo central (se muestra a petición)",
      about: "Tamaño del nodo: número de vínculos. Haga clic en un nodo o un vínculo para ver su página; arrastre " +
        "para mover; use la rueda o pellizque para acercar.",
      tabs: { network: "Red", timeline: "Cronología", map: "Mapa", charts: "Gráficas" },
      shown: (n, m) => [[String(n), true], [" de " + m + " entidades visibles", false]],
      links: (n) => n + " vínculos",
      sourceCount: (n) => n + (n === 1 ? " fuente" : " fuentes"),
      independent: (n) => n + (n === 1 ? " fuente independiente" : " fuentes independientes"),
      neighbourhood: (label, depth, total) => "Vecindario de " + label + " (profundidad " + depth +
        ", sin pasar por nodos centrales) de " + total + " entidades",
      layingOut: (p) => "Acomodando… " + p + " %",
      frozen: (s) => "Acomodo estabilizado en " + s + " s y congelado",
      precomputed: (s) => "Grafo grande: dibujado en " + s + " s a partir de un acomodo calculado de antemano, " +
        "congelado; «Reanudar acomodo» lo mejora",
      running: "Acomodo en curso", noMatch: "Ninguna entidad coincide",
      alsoKnown: "También conocido como: ", description: "Descripción", dates: "Fechas", note: "Nota del curador",
      entrySources: "Fuentes de esta entrada", statements: "Afirmaciones", incoming: "Referido por",
      sourceError: "Error de la fuente", correction: "Corrección", correctedTo: "Corrección de los curadores:",
      published: "publicado", by: "por", noSources: "sin fuente", close: "Cerrar",
      statement: "Afirmación", hiddenByFilters: "Se quitaron los filtros para mostrar esta entidad.",
      disagree: (v) => "Las fuentes discrepan: también se da " + v, why: "Por qué lo creemos",
      events: "Eventos", neighbours: "Vecinos", onTimeline: "Ver en la cronología", onMap: "Ver en el mapa", entityPage: "Su página",
      million: "millones", between: "entre", fromDate: "desde", untilDate: "hasta", unknownEnd: "fin desconocido",
      timelineHint: (n) => n + " eventos fechados. Un punto es un día; una barra, un mes, un año o un lapso; una " +
        "barra rayada, una fecha incierta entre sus límites. Arrastre para desplazar, use la rueda o pellizque para " +
        "acercar, haga clic para ver el evento.",
      noEvents: "Ningún evento fechado pasa los filtros.",
      mapHint: (n, m) => n + (n === 1 ? " lugar" : " lugares") + " con coordenadas; los incidentes junto a su " +
        "lugar, según el número de muertos. Los estados con entidades en el grafo están sombreados. " +
        (m === 1 ? "1 lugar no tiene" : m + " lugares no tienen") + " coordenadas: se listan abajo, sin adivinar " +
        "su posición.",
      unlocated: "Lugares sin coordenadas", eventsHere: (n) => n + (n === 1 ? " evento" : " eventos"),
      killed: (n) => n + " muertos", place: "Lugar", incidentMark: "Incidente (tamaño: muertos)",
      eventMark: "Otro evento",
      chartsHint: "Cada indicador por periodo, con la cifra de cada fuente lado a lado. Rayado: proyección, cifra " +
        "preliminar o estimación. Pase el cursor para ver la fuente y el organismo productor; haga clic para ver " +
        "la observación.",
      noCharts: "Ninguna observación de indicador pasa los filtros.",
      producer: "Producido por", reportedBy: "Reportado por", status: "Estado", value: "Valor",
      periodLabel: "Periodo", group: "Grupo", caseOr: "Caso o tipo", drawing: "Dibujando…",
    },
  };

  const state = (KG.state = {
    lang: DATA.lang === "es" ? "es" : "en",
    hiddenTypes: new Set(),
    period: null,
    source: "",
    showHubs: false,
    view: "network",
    entity: null,
    highlight: null,
  });

  performance.mark("kg:data-expanded");

  // ------------------------------------------------------------ tiny event bus: filters, language, route
  const listeners = {};
  KG.on = (name, fn) => { (listeners[name] = listeners[name] || []).push(fn); };
  KG.emit = (name, arg) => { for (const fn of listeners[name] || []) fn(arg); };

  // ------------------------------------------------------------ DOM and text helpers
  KG.el = function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  };
  KG.t = (key) => KG.UI[state.lang][key];
  KG.pick = (labels) => (labels ? labels[state.lang] || labels.en || "" : "");
  KG.locale = () => (state.lang === "es" ? "es-MX" : "en-GB");

  KG.entityLabel = function (id) {
    if (DATA.entities[id]) return KG.pick(DATA.entities[id].labels);
    if (DATA.sources[id]) return DATA.sources[id].title || KG.pick(DATA.sources[id].labels);
    if (DATA.names[id]) return KG.pick(DATA.names[id].labels);
    return id;
  };
  KG.typeLabel = (name) => (DATA.types[name] ? KG.pick(DATA.types[name].labels) : name);
  KG.propLabel = (name) => (DATA.properties[name] ? KG.pick(DATA.properties[name]) : name);
  KG.conceptLabel = (name) => (DATA.concepts[name] ? KG.pick(DATA.concepts[name]) : name);

  /** A number for reading: thousands separated, no trailing ".0", millions spelled out (65,333 million). */
  KG.formatNumber = function (x) {
    const n = Number(x);
    if (!isFinite(n)) return String(x);
    if (Math.abs(n) >= 1e6 && Math.abs(n) % 1e5 === 0) {
      return (n / 1e6).toLocaleString(KG.locale(), { maximumFractionDigits: 1 }) + " " + KG.t("million");
    }
    return n.toLocaleString(KG.locale(), { maximumFractionDigits: 2 });
  };

  /** A date at its own precision: 17 Oct 2019, October 2019, 2019. */
  KG.formatDate = function (text) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(text));
    if (!m) return String(text);
    if (!m[2]) return m[1];
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
    const opts = m[3] ? { day: "numeric", month: "short", year: "numeric" } : { month: "long", year: "numeric" };
    return new Intl.DateTimeFormat(KG.locale(), Object.assign({ timeZone: "UTC" }, opts)).format(d);
  };

  /** The text of a statement's value: entity or concept label, formatted number or date, or the literal. */
  KG.valueText = function (v, predicate) {
    if (!v) return "";
    if (v.e !== undefined) return KG.entityLabel(v.e);
    if (v.c !== undefined) return KG.conceptLabel(v.c);
    if (v.dt && /^(integer|decimal|double|float|int|long|nonNegativeInteger|positiveInteger)$/.test(v.dt)) {
      return KG.formatNumber(v.t);
    }
    if ((v.dt && /^(date|gYear|gYearMonth)$/.test(v.dt)) || (predicate && DATA.temporal.includes(predicate))) {
      return KG.formatDate(v.t);
    }
    return v.lang ? v.t + " (" + v.lang + ")" : v.t;
  };
  KG.qualifierText = function (st) {
    if (!st.q) return "";
    return Object.keys(st.q).map((name) => KG.propLabel(name) + ": " + KG.valueText(st.q[name], name)).join(" · ");
  };
  KG.shownValue = (st) => (st.kind === "error" && st.correction ? st.correction.v : st.v);

  /** When an event happened, in words, at its honest precision. */
  KG.whenText = function (ev) {
    const x = ev.text || {};
    if (ev.kind === "uncertain") {
      return KG.t("between") + " " + KG.formatDate(x.earliest || ev.start) + " – " + KG.formatDate(x.latest || ev.end);
    }
    if (x.date) return KG.formatDate(x.date);
    if (x.start && x.end) return KG.formatDate(x.start) + " – " + KG.formatDate(x.end);
    if (x.start) return KG.t("fromDate") + " " + KG.formatDate(x.start) + " (" + KG.t("unknownEnd") + ")";
    if (x.end) return KG.t("untilDate") + " " + KG.formatDate(x.end);
    return ev.start + " – " + ev.end;
  };

  const SVG = "http://www.w3.org/2000/svg";
  KG.symbol = function (shape, color, size) {
    const px = String(size || 14);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", px); svg.setAttribute("height", px);
    svg.setAttribute("viewBox", "0 0 14 14"); svg.setAttribute("aria-hidden", "true");
    let mark;
    const poly = (points) => { const p = document.createElementNS(SVG, "polygon"); p.setAttribute("points", points); return p; };
    if (shape === "dot" || shape === "circle" || shape === "ellipse") {
      mark = document.createElementNS(SVG, "ellipse");
      mark.setAttribute("cx", "7"); mark.setAttribute("cy", "7");
      mark.setAttribute("rx", shape === "ellipse" ? "6.5" : "5.5"); mark.setAttribute("ry", shape === "ellipse" ? "4.5" : "5.5");
    } else if (shape === "diamond") mark = poly("7,0.5 13.5,7 7,13.5 0.5,7");
    else if (shape === "triangle") mark = poly("7,1 13.5,13 0.5,13");
    else if (shape === "triangleDown") mark = poly("0.5,1 13.5,1 7,13");
    else if (shape === "star") mark = poly("7,0.5 8.8,5 13.5,5.2 9.8,8.2 11.1,13 7,10.3 2.9,13 4.2,8.2 0.5,5.2 5.2,5");
    else if (shape === "hexagon") mark = poly("3.5,1 10.5,1 13.5,7 10.5,13 3.5,13 0.5,7");
    else {
      mark = document.createElementNS(SVG, "rect");
      mark.setAttribute("x", "1"); mark.setAttribute("y", shape === "box" || shape === "text" ? "3" : "1");
      mark.setAttribute("width", "12"); mark.setAttribute("height", shape === "box" || shape === "text" ? "8" : "12");
      mark.setAttribute("rx", shape === "box" ? "2" : "0");
    }
    mark.setAttribute("fill", color);
    mark.setAttribute("stroke", "#33333377");
    svg.appendChild(mark);
    return svg;
  };
  KG.edgeSymbol = function (color, dash) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28"); svg.setAttribute("height", "10"); svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5"); line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", color); line.setAttribute("stroke-width", "2");
    if (dash) line.setAttribute("stroke-dasharray", dash);
    svg.appendChild(line);
    return svg;
  };

  // ------------------------------------------------------------ filters shared by every view
  KG.overlaps = (iv) => !state.period || !iv || (iv[0] <= state.period[1] && iv[1] >= state.period[0]);
  KG.typeShown = (type) => !state.hiddenTypes.has(type);
  /** Does an item (entity, event, observation) pass the type, period and source filters? */
  KG.passes = function (id, interval, sources) {
    const e = DATA.entities[id];
    if (e && !KG.typeShown(e.type)) return false;
    if (!KG.overlaps(interval || (e && e.dates))) return false;
    if (state.source && !(sources || (e && e.sources) || []).includes(state.source)) return false;
    return true;
  };
  KG.filtersChanged = () => KG.emit("filters");

  /** The number of independent sources behind citations: works from one publisher count once. */
  KG.independentCount = function (cites) {
    const keys = new Set();
    for (const [sid] of cites || []) {
      const s = DATA.sources[sid];
      keys.add(s && s.publisher ? "p:" + s.publisher : "s:" + sid);
    }
    return keys.size;
  };

  // ------------------------------------------------------------ routes: #/network, #/timeline, #/map, #/charts,
  // #/entity/<id> (the entity page over the current view); a bare #<id> from older links is an entity too.
  KG.VIEWS = ["network", "timeline", "map", "charts"];
  KG.go = function (hash) { if (location.hash !== hash) location.hash = hash; else KG.route(); };
  KG.entityHref = (id) => "#/entity/" + encodeURIComponent(id);
  KG.route = function () {
    const hash = location.hash.replace(/^#/, "");
    let view = null, entity = null;
    if (hash.startsWith("/entity/")) entity = decodeURIComponent(hash.slice(8));
    else if (hash.startsWith("/")) view = hash.slice(1);
    else if (hash) entity = decodeURIComponent(hash);
    if (view && !KG.VIEWS.includes(view)) view = "network";
    if (view) { state.view = view; state.entity = null; }
    if (entity && !DATA.entities[entity]) entity = null;
    if (entity) state.entity = entity;
    KG.emit("route", { view: state.view, entity: entity });
  };

  // ------------------------------------------------------------ plotly.js, run on first use: the network's first
  // drawing does not wait for 4.8 MB of chart library to be compiled.
  let plotlyReady = null;
  KG.withPlotly = function (fn) {
    if (!plotlyReady) {
      // A moment first, so the view's "Drawing…" line paints before the compile blocks the page.
      plotlyReady = new Promise((resolve) => setTimeout(resolve, 30)).then(() => {
        const holder = document.getElementById("plotly-src");
        const script = document.createElement("script");
        script.textContent = holder.textContent;
        document.head.appendChild(script);
        holder.textContent = "";
        const months = [...Array(12).keys()].map((m) => new Intl.DateTimeFormat("es-MX", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, m, 1))));
        const days = [...Array(7).keys()].map((d) => new Intl.DateTimeFormat("es-MX", { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, 0, 2 + d))));
        window.Plotly.register({
          moduleType: "locale", name: "es", dictionary: {},
          format: { months: months, shortMonths: months.map((m) => m.slice(0, 3)), days: days,
            shortDays: days.map((d) => d.slice(0, 3)), decimal: ".", thousands: ",", date: "%d/%m/%Y" },
        });
        return window.Plotly;
      });
    }
    return plotlyReady.then(fn);
  };
  /** Plotly options shared by the timeline, the map and the charts: no logo, no network, wheel and pinch zoom. */
  KG.plotConfig = () => ({
    responsive: true, displaylogo: false, scrollZoom: true, locale: state.lang === "es" ? "es" : "en",
    modeBarButtonsToRemove: ["toImage", "lasso2d", "select2d", "autoScale2d"], showTips: false,
  });
  KG.PALETTE = ["#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#92400e",
    "#475569", "#c026d3", "#0d9488"];
  /** Text for plotly's labels, which understand a few tags (<br>, <b>, <a>): data text is escaped, so it shows as
      written and can open nothing. */
  KG.plotText = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  KG.fold = (s) => String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
})();
