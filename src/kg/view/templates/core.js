/* The explorer's shared core: the embedded data, formatting of numbers and dates, the filter state every view reads
   (types, period, source), the views' registration and the router for `#/...` links, and small DOM helpers. The
   texts are in i18n.js. Every text that comes from the data is put into the page with textContent or as a text
   node, never as HTML. */
(function () {
  "use strict";
  const KG = (window.KG = {});
  performance.mark("kg:start");
  /** A map keyed by ids or names from the data: no prototype, so an id such as `constructor` or `toString` is an
      entry like any other and an unknown one is undefined. */
  KG.dict = (entries) => Object.assign(Object.create(null), entries);
  const DATA = (KG.data = JSON.parse(document.getElementById("kg-data").textContent));
  for (const name of ["entities", "names", "sources", "types", "groups", "properties", "concepts", "edgeMeta"]) {
    DATA[name] = KG.dict(DATA[name]);
  }
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
      meta.labels = KG.dict();
      for (const lang of ["en", "es"]) {
        const prop = DATA.properties[meta.p] ? DATA.properties[meta.p][lang] : meta.p;
        meta.labels[lang] = role ? prop + " · " + (DATA.concepts[role] ? DATA.concepts[role][lang] : role) : prop;
      }
    }
  })();

  const state = (KG.state = {
    lang: DATA.lang === "es" ? "es" : "en",
    hiddenTypes: new Set(),
    period: null,
    source: "",
    showHubs: false,
    asOf: DATA.time.asOf,  // "as known on" (time.js): a page drawn `kg viz --as-of DAY` starts (and stays) at that day
    year: null,  // the network's year stepper: null is every year
    view: "network",
    entity: null,
    missing: null,  // an entity route that names no entity, as written (its "not found" page is open)
    highlight: null,
  });

  performance.mark("kg:data-expanded");

  // ------------------------------------------------------------ tiny event bus: filters, language, route
  const listeners = KG.dict();
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
  /** Text from the data that exists in one language only (the curators' notes are English): an element marked
      with its language, which in the other language's page also says so. */
  KG.dataText = function (text, lang) {
    const node = KG.el("span", "data-text", text);
    node.lang = lang;
    if (lang !== state.lang) {
      const mark = KG.el("span", "lang-mark", " (" + KG.t("onlyIn")[lang] + ")");
      mark.lang = state.lang;
      return KG.el("span", "", node, mark);
    }
    return node;
  };
  KG.pick = (labels) => (labels ? labels[state.lang] || labels.en || "" : "");
  KG.locale = () => (state.lang === "es" ? "es-MX" : "en-GB");

  /** A work's title as published; in Spanish, with the curators' translation when they give one. */
  KG.sourceTitle = function (id) {
    const s = DATA.sources[id];
    if (!s) return KG.entityLabel(id);
    if (state.lang === "es" && s.labels.es && s.labels.es !== s.labels.en) return s.labels.es;
    return s.title || KG.pick(s.labels);
  };
  KG.entityLabel = function (id) {
    if (DATA.entities[id]) return KG.pick(DATA.entities[id].labels);
    if (DATA.sources[id]) return DATA.sources[id].title || KG.pick(DATA.sources[id].labels);
    if (DATA.names[id]) return KG.pick(DATA.names[id].labels);
    return id;
  };
  /** A unit of measure as the page's language says it; one the table does not know is shown as the data gives it. */
  // A unit's name in the page's language: the vocabulary's units scheme (ontology/schemes.ttl), else the text itself.
  KG.unitLabel = (unit) => KG.conceptLabel(unit);
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
    if (predicate === "measureUnit" && !v.dt) return KG.unitLabel(v.t);
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
    if (ev.imprecise) return KG.formatDate(x.date) + " (" + KG.t(ev.imprecise === "year" ? "monthUnknown" : "dayUnknown") + ")";
    if (ev.kind === "uncertain") {
      return KG.t("between") + " " + KG.formatDate(x.earliest || ev.start) + " – " + KG.formatDate(x.latest || ev.end);
    }
    if (x.date) return KG.formatDate(x.date);
    if (x.start && x.end) return KG.formatDate(x.start) + " – " + KG.formatDate(x.end);
    if (x.start) return KG.t("fromDate") + " " + KG.formatDate(x.start) + " (" + KG.t("unknownEnd") + ")";
    if (x.end) return KG.t("untilDate") + " " + KG.formatDate(x.end);
    return ev.start + " – " + ev.end;
  };

  /** A figure with its bound, in words: "at least 35,000", "about 50". */
  KG.boundText = (bound, text) => (bound && KG.t("bounds")[bound] ? KG.t("bounds")[bound](text) : text);
  /** An event's death toll, in words: the total (a range when sources disagree), its bound, and the groups it
      adds up (as the sources name them: English text in the Spanish page says so). */
  KG.tollText = function (toll) {
    if (!toll) return "";
    const total = toll.min === toll.max ? KG.formatNumber(toll.max)
      : KG.t("range")(KG.formatNumber(toll.min), KG.formatNumber(toll.max));
    let text = KG.t("killed")(KG.boundText(toll.bound, total));
    if (toll.min !== toll.max) text += " (" + KG.t("sourcesDisagree") + ")";
    if (toll.groups && toll.groups.length > 1) {
      const parts = toll.groups.map((g) => g.figures.map(KG.formatNumber).join("/") + " " + g.group).join(", ");
      text += " (" + parts + (state.lang === "en" ? "" : "; " + KG.t("englishOnly")) + ")";
    }
    return text;
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
  // "As known on" and the network's year (time.js replaces these): everything is known, no year is stepped.
  KG.knownOn = () => true;
  KG.edgeKnownOn = () => true;
  KG.citeKnownOn = () => true;
  KG.knownStatements = (records) => records;
  KG.firstKnown = () => null;
  KG.evidenceAsOf = () => null;
  KG.yearShown = () => null;
  KG.edgeInYear = () => "certain";
  KG.entityInYear = () => false;
  /** Does an item (entity, event, observation) pass the type, period, source and "as known on" filters? */
  KG.passes = function (id, interval, sources) {
    const e = DATA.entities[id];
    if (!KG.knownOn(id)) return false;
    if (e && !KG.typeShown(e.type)) return false;
    if (!KG.overlaps(interval || (e && e.dates))) return false;
    if (state.source && !(sources || (e && e.sources) || []).includes(state.source)) return false;
    return true;
  };
  KG.filtersChanged = () => KG.emit("filters");

  // ------------------------------------------------------------ views: each script registers its own, once
  /** A view registers its route name and how it behaves:
        draw(Plotly)  draws it, now that it is shown (views drawn with plotly.js get the library, compiled on first
                      use, and their `hint` line says "Drawing…" meanwhile); it is drawn again whenever it is shown,
                      and when the filters or the language change while it is shown;
        plots()       the plotly elements it drew, resized when the page's layout changes;
        fit()         what "Fit view" does in it;
        filters(), language()  run on every change of the filters or the language, shown or not (the network
                      keeps its counts and labels up to date even behind another view).
      The order of registration is the order of the tabs. */
  KG.VIEWS = [];
  const VIEW_SPECS = KG.dict();
  KG.registerView = function (name, spec) {
    KG.VIEWS.push(name);
    VIEW_SPECS[name] = spec;
  };
  KG.viewSpec = (name) => VIEW_SPECS[name];
  /** Draw the view if it is the one shown; a promise that settles when it is drawn. */
  KG.drawView = function (name) {
    const spec = VIEW_SPECS[name];
    if (!spec || !spec.draw || state.view !== name) return Promise.resolve();
    if (!spec.plotly) return Promise.resolve(spec.draw());
    if (!window.Plotly && spec.hint) spec.hint.textContent = KG.t("drawing");
    return KG.withPlotly((Plotly) => (state.view === name ? spec.draw(Plotly) : undefined));
  };
  function everyView(hook) {
    for (const name of KG.VIEWS) if (VIEW_SPECS[name][hook]) VIEW_SPECS[name][hook]();
    return KG.drawView(state.view);
  }
  KG.on("filters", () => everyView("filters"));
  KG.on("lang", () => everyView("language"));
  KG.on("view", (name) => KG.drawView(name));
  KG.on("layout", () => {
    const spec = VIEW_SPECS[state.view];
    if (spec && spec.plots && window.Plotly) for (const p of spec.plots()) if (p.data) window.Plotly.Plots.resize(p);
  });
  KG.fitView = function () {
    const spec = VIEW_SPECS[state.view];
    if (spec && spec.fit) spec.fit();
  };

  // ------------------------------------------------------------ dates typed or linked
  /** The day a text names — YYYY-MM-DD, or the first (`end` false) or last (`end` true) day of YYYY-MM or YYYY — or
      null if it is not a date of the calendar. */
  KG.dayOf = function (text, end) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(text).trim());
    if (!m) return null;
    const month = m[2] ? Number(m[2]) : (end ? 12 : 1);
    if (month < 1 || month > 12) return null;
    const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    const day = m[3] ? Number(m[3]) : (end ? days : 1);
    if (day < 1 || day > days) return null;
    return m[1] + "-" + String(month).padStart(2, "0") + "-" + String(day).padStart(2, "0");
  };
  /** A period's bound as short as it reads: 2014 for 2014-01-01 (a start) or 2014-12-31 (an end), 2014-06 for a
      whole month; "" for an open end. */
  KG.periodText = function (day, end) {
    if (!day || day === "0000-01-01" || day === "9999-12-31") return "";
    if (KG.dayOf(day.slice(0, 4), end) === day) return day.slice(0, 4);
    if (KG.dayOf(day.slice(0, 7), end) === day) return day.slice(0, 7);
    return day;
  };

  // ------------------------------------------------------------ routes: #/network, #/timeline, #/map, #/charts,
  // #/entity/<id> (the entity page over the current view); a bare #<id> from older links is an entity too. A route
  // that names no entity (a mistyped id, a malformed escape) opens a "not found" page, never an error.
  //
  // The whole view state follows the route in the same fragment, as parameters after `?`, so any view can be linked
  // and reloaded: #/timeline?types=Incident,Law&from=2014&to=2019&source=shirk-2019&asof=2019-12-31&year=2016&lang=es
  //   view    the view under an entity page (#/entity/<id>?view=map); a view route names its view itself
  //   types   the only types shown (comma-separated; empty: none) — or `hide`, the types hidden, whichever is shorter
  //   from, to  the period (YYYY, YYYY-MM or YYYY-MM-DD; either may be left out)
  //   source  only what one source says (its id)
  //   asof    "as known on" a day
  //   hubs    1: hubs and their links shown
  //   year    the network's year stepper
  //   lang    en or es
  // What is at its default is left out (a page with no filter is plain #/network). This is the one place that reads
  // and writes them: every change of a filter, the period, the day, the year, the language or the route replaces the
  // fragment (history.replaceState: a slider leaves no trail), a route change is a new history entry. A parameter
  // this page does not know, or a value it cannot use (a type or source not in the data, a date not in the
  // calendar), is left out, as if it were not there; values are compared with the data, never put in the page.
  KG.go = function (hash) { if (location.hash !== hash) location.hash = hash; else KG.route(); };
  KG.entityHref = (id) => "#/entity/" + encodeURIComponent(id);
  function decoded(text) {
    try { return decodeURIComponent(text); } catch { return text; }  // a malformed % escape: as written
  }
  /** The fragment split into its route and its parameters (null when it has no `?`). */
  function fragment() {
    const hash = location.hash.replace(/^#/, "");
    const cut = hash.indexOf("?");
    return cut < 0 ? { path: hash, query: null } : { path: hash.slice(0, cut), query: hash.slice(cut + 1) };
  }
  const legendTypes = () => DATA.legend.map((row) => row.type);
  const YEARS = DATA.time.years || null;
  /** The state the parameters name, every one left out at its default. */
  function paramsOf(query) {
    try { return new URLSearchParams(query || ""); } catch { return new URLSearchParams(""); }
  }
  /** The view a link names under its entity page, or the first view. */
  const linkedView = (query) => {
    const view = paramsOf(query).get("view");
    return view !== null && KG.VIEWS.includes(view) ? view : KG.VIEWS[0];
  };
  KG.readUrl = function () {
    const params = paramsOf(fragment().query);
    const get = (name) => { const v = params.get(name); return v === null ? null : v.trim(); };
    const known = new Set(legendTypes());
    const list = (name) => {
      const v = get(name);
      if (v === null) return null;
      const names = v.split(",").map((n) => n.trim()).filter((n) => n !== "");
      const valid = names.filter((n) => known.has(n));
      return names.length && !valid.length ? null : new Set(valid);  // nothing this page knows: as if left out
    };
    const shown = list("types"), hidden = shown ? null : list("hide");
    state.hiddenTypes = new Set(shown ? [...known].filter((n) => !shown.has(n)) : hidden || []);
    const from = get("from") ? KG.dayOf(get("from"), false) : null, to = get("to") ? KG.dayOf(get("to"), true) : null;
    state.period = from || to ? [from || "0000-01-01", to || "9999-12-31"] : null;
    const source = get("source");
    state.source = source && DATA.sources[source] ? source : "";
    const pageAsOf = DATA.time.asOf;
    const asOf = get("asof") ? KG.dayOf(get("asof"), true) : null;
    state.asOf = asOf === null ? pageAsOf : (pageAsOf && asOf > pageAsOf ? pageAsOf : asOf);
    state.showHubs = get("hubs") === "1" && DATA.hubs.length > 0;
    const year = /^\d{4}$/.test(get("year") || "") ? Number(get("year")) : null;
    state.year = year !== null && YEARS ? Math.min(YEARS[1], Math.max(YEARS[0], year)) : null;
    const lang = get("lang");
    state.lang = lang === "en" || lang === "es" ? lang : (DATA.lang === "es" ? "es" : "en");
  };
  /** Take up the state the address names: the controls show it ("restore"), the views are drawn by it. */
  KG.restore = function () {
    const lang = state.lang;
    KG.readUrl();
    KG.emit("restore");
    if (state.lang !== lang) KG.emit("lang", state.lang);
    KG.filtersChanged();
  };
  /** The fragment that names the state: the route, then what differs from the defaults. */
  KG.stateHash = function () {
    const out = [];
    const add = (name, value) => out.push(name + "=" + value);
    const path = state.entity ? KG.entityHref(state.entity)
      : state.missing !== null ? "#/entity/" + state.missing : "#/" + state.view;
    if ((state.entity || state.missing !== null) && state.view !== KG.VIEWS[0]) add("view", state.view);
    const all = legendTypes();
    if (all.some((n) => state.hiddenTypes.has(n))) {
      const shown = all.filter((n) => !state.hiddenTypes.has(n)), hidden = all.filter((n) => state.hiddenTypes.has(n));
      if (hidden.length < shown.length) add("hide", hidden.map(encodeURIComponent).join(","));
      else add("types", shown.map(encodeURIComponent).join(","));
    }
    if (state.period) {
      const from = KG.periodText(state.period[0], false), to = KG.periodText(state.period[1], true);
      if (from) add("from", from);
      if (to) add("to", to);
    }
    if (state.source) add("source", encodeURIComponent(state.source));
    if (state.asOf && state.asOf !== DATA.time.asOf) add("asof", state.asOf);
    if (state.showHubs) add("hubs", "1");
    if (state.year !== null) add("year", String(state.year));
    if (state.lang !== (DATA.lang === "es" ? "es" : "en")) add("lang", state.lang);
    return path + (out.length ? "?" + out.join("&") : "");
  };
  let routed = false, routing = false;
  /** The address bar follows the state (in place: no new history entry). */
  KG.writeUrl = function () {
    if (!routed || routing) return;
    const hash = KG.stateHash();
    if (location.hash !== hash || !(history.state && history.state.kg)) history.replaceState({ kg: 1 }, "", hash);
  };
  KG.on("filters", () => KG.writeUrl());
  KG.on("lang", () => KG.writeUrl());

  /** Follow the fragment. The first time (the page opening: app.js has restored its parameters already), or when the
      fragment has parameters, or when history returns to a place this page wrote, the parameters are the whole
      state ("restore": the controls take it up); a bare route from a link inside the page (`#/timeline`,
      `#/entity/<id>`) keeps the filters as they are. */
  KG.route = function () {
    const { path, query } = fragment();
    routing = true;
    try {
      const restored = routed && (query !== null || Boolean(history.state && history.state.kg));
      if (restored) KG.restore();
      const first = !routed;
      routed = true;
      let view = null, entity = null, raw = null;
      if (path.startsWith("/entity/")) raw = path.slice(8);
      else if (path.startsWith("/")) view = path.slice(1);
      else if (path) raw = path;
      if (raw !== null) entity = decoded(raw);
      if (raw !== null && (first || restored)) state.view = linkedView(query);
      if (view !== null && !KG.VIEWS.includes(view)) view = KG.VIEWS[0];
      if (view) { state.view = view; state.entity = null; }
      let missing = null;
      if (entity !== null && !DATA.entities[entity]) { missing = entity; entity = null; }
      if (entity) state.entity = entity;
      state.missing = missing === null ? null : raw;
      KG.emit("route", { view: state.view, entity: entity, missing: missing, linked: first || restored });
    } finally {
      routing = false;
    }
    KG.writeUrl();
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
          moduleType: "locale", name: "es", dictionary: KG.UI.es.plotly,
          format: { months: months, shortMonths: months.map((m) => m.slice(0, 3)), days: days,
            shortDays: days.map((d) => d.slice(0, 3)), decimal: ".", thousands: ",", date: "%d/%m/%Y" },
        });
        return window.Plotly;
      });
    }
    return plotlyReady.then(fn);
  };
  /** Plotly options shared by the timeline, the map and the charts: no logo and no control that can send anything
      anywhere (plotly's "share chart" uploads to its cloud: off, and its buttons removed), "download as PNG" kept;
      wheel and pinch zoom. */
  KG.plotConfig = (filename) => ({
    responsive: true, displaylogo: false, showSendToCloud: false, showEditInChartStudio: false, showLink: false,
    scrollZoom: true, locale: state.lang === "es" ? "es" : "en", showTips: false,
    modeBarButtonsToRemove: ["sendDataToCloud", "sendChartToCloud", "editInChartStudio", "lasso2d", "select2d",
      "autoScale2d"],
    toImageButtonOptions: { format: "png", filename: "mxsec-" + (filename || state.view), scale: 2 },
  });
  /** Plotly's click on an item opens the item's page; on a touch screen the first tap shows the item's tooltip
      and only a second tap on the same item opens it. `idOf(point)` gives the id of a clicked point (or none). */
  let lastPointer = "mouse";
  document.addEventListener("pointerdown", (ev) => { lastPointer = ev.pointerType || "mouse"; }, true);
  KG.wirePlotClicks = function (gd, idOf) {
    if (gd.dataset.wired) return;
    gd.dataset.wired = "1";
    let armed = null, armedAt = 0;
    gd.on("plotly_click", (ev) => {
      const pt = ev.points && ev.points[0];
      const id = pt ? idOf(pt) : null;
      if (!id) return;
      // One tap can reach plotly twice (as touch and as the mouse click the browser makes of it): that is still
      // the first tap.
      if (armed === id && performance.now() - armedAt < 250) return;
      if (lastPointer === "touch" && armed !== id) {
        armed = id;
        armedAt = performance.now();
        window.Plotly.Fx.hover(gd, [{ curveNumber: pt.curveNumber, pointNumber: pt.pointNumber }],
          pt.xaxis && pt.yaxis ? pt.xaxis._id + pt.yaxis._id : undefined);
        return;
      }
      armed = null;
      KG.go(KG.entityHref(id));
    });
    gd.on("plotly_unhover", () => { if (lastPointer !== "touch") armed = null; });
  };
  /** The plotly marker symbol of a type's glyph, so the map marks each type as the network and the legend do. */
  KG.plotSymbol = (shape) => ({ dot: "circle", circle: "circle", ellipse: "circle", diamond: "diamond",
    square: "square", box: "square", text: "square", database: "square", triangle: "triangle-up",
    triangleDown: "triangle-down", star: "star", hexagon: "hexagon" })[shape] || "circle";
  KG.typeColor = (type) => (DATA.types[type] ? DATA.types[type].color : "#97a3b6");
  KG.PALETTE = ["#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#92400e",
    "#475569", "#c026d3", "#0d9488"];
  /** Text for plotly's labels, which understand a few tags (<br>, <b>, <a>): data text is escaped, so it shows as
      written and can open nothing. */
  KG.plotText = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  KG.fold = (s) => String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
})();
