/* The entity page (the side panel; full-screen on a phone): names, type, description, every statement grouped by
   property with its qualifiers and why we believe it (citations, independent sources, disagreements, source errors),
   the entity's events on a small timeline, its neighbours, and links to every entity it names. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, el = KG.el, t = KG.t;
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");

  function entityLink(id) {
    const label = KG.entityLabel(id);
    if (!ENT[id]) return el("span", "", label);
    const link = el("a", "entity-link", label);
    link.href = KG.entityHref(id);
    link.dataset.id = id;
    return link;
  }
  KG.entityLink = entityLink;
  // Properties whose text the curators wrote in English (claims, groups counted, units, provisions): marked as such.
  const ENGLISH_TEXT = new Set(["claim", "group", "unit", "provision"]);
  function valueNode(v, predicate) {
    if (v && v.e !== undefined) return entityLink(v.e);
    if (v && v.t !== undefined && !v.dt && !v.lang && ENGLISH_TEXT.has(predicate)) return KG.dataText(v.t, "en");
    const node = el("span", "", KG.valueText(v, predicate));
    if (v && v.lang) node.lang = v.lang;
    return node;
  }

  function citationItem(cite) {
    const [sourceId, locator] = cite;
    const s = DATA.sources[sourceId];
    const li = el("li");
    li.dataset.source = sourceId;
    if (!s) { li.appendChild(document.createTextNode(sourceId + (locator ? ", " + locator : ""))); return li; }
    li.appendChild(el("cite", "src-title", KG.sourceTitle(sourceId)));
    const facts = [];
    if (s.authors) facts.push(t("by") + " " + s.authors.join(", "));
    if (s.publisher) facts.push(s.publisher);
    if (s.date) facts.push(s.date);
    if (facts.length) li.appendChild(document.createTextNode(" — " + facts.join(", ")));
    if (locator) {  // the source's own section heading, quoted as it is written
      const where = el("span", "loc", " — " + locator);
      where.dataset.quote = "";
      li.appendChild(where);
    }
    // The source's own address (and an archived copy's): a link the reader follows, carrying nothing of this page.
    for (const [key, text] of [["url", "openSource"], ["archivedAt", "archivedCopy"]]) {
      if (!s[key] || !/^https?:\/\//.test(s[key])) continue;
      const a = el("a", "src-link", t(text));
      a.href = s[key];
      a.relList.add("noopener", "noreferrer", "external");
      a.referrerPolicy = "no-referrer";
      a.target = "_blank";
      a.dataset.external = "source";
      li.appendChild(document.createTextNode(" — "));
      li.appendChild(a);
    }
    return li;
  }
  function sourceList(cites) {
    cites = (cites || []).filter(KG.citeKnownOn);  // as known on a day: only sources published by then
    const ul = el("ul", "sources");
    if (!cites || !cites.length) { ul.appendChild(el("li", "", t("noSources"))); return ul; }
    for (const c of cites) ul.appendChild(citationItem(c));
    return ul;
  }

  function statementBlock(st, withSubject) {
    const kind = st.kind || "";
    const box = el("div", "statement" + (kind ? " " + kind : "") + (st.dis ? " disputed" : ""));
    box.dataset.predicate = st.p;
    const head = el("div", "value");
    if (kind === "error" || kind === "correction") {
      head.appendChild(el("span", "mark", t(kind === "error" ? "sourceError" : "correction")));
      head.appendChild(document.createTextNode(" "));
    }
    // Listed under "referenced by", the value is the entity the page is about: name the subject instead.
    head.appendChild(withSubject ? entityLink(st.s) : valueNode(st.v, st.p));
    box.appendChild(head);
    if (st.q) {  // qualifiers; one that names an entity is a link to it
      const quals = el("div", "quals");
      Object.keys(st.q).forEach((name, i) => {
        if (i) quals.appendChild(document.createTextNode(" · "));
        quals.appendChild(document.createTextNode(KG.propLabel(name) + ": "));
        quals.appendChild(valueNode(st.q[name], name));
      });
      box.appendChild(quals);
    }
    if (st.dis) box.appendChild(el("div", "disagree", t(st.dis1 ? "disagreeSame" : "disagree")(st.dis.map((v) => KG.valueText({ t: v, dt: st.v.dt }, st.p)).join(", "))));
    if (st.error) box.appendChild(el("div", "why", KG.dataText(st.error, "en")));
    if (st.note) box.appendChild(el("div", "note", KG.dataText(st.note, "en")));
    // A source's error is what the source said, not evidence; curator knowledge is never an independent source
    // (kg.core.evidence counts them in Python, once for every surface).
    let why;
    if (kind === "error") why = t("sourceSaid");
    else if (kind === "correction") why = t("correctionFrom");
    else why = t("why") + " · " + (KG.evidenceAsOf(st) || t("independent")(st.ind || 0)) + (st.cur ? " · " + t("curatorToo") : "");
    box.appendChild(el("div", "why-head", why));
    box.appendChild(sourceList(st.cites));
    if (st.correction) {
      box.appendChild(el("div", "nested", el("div", "quals", t("correctedTo")), statementBlock(st.correction, false)));
    }
    return box;
  }

  function groupedStatements(records, withSubject, className) {
    const groups = new Map();
    for (const st of records) {
      const key = KG.propLabel(st.p);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(st);
    }
    const out = el("div", className);
    for (const [label, items] of groups) {
      const section = el("section", "predicate");
      section.dataset.predicate = items[0].p;
      section.appendChild(el("h4", "", label));
      for (const st of items) section.appendChild(statementBlock(st, withSubject));
      out.appendChild(section);
    }
    return out;
  }

  /** The entities this one links to or is linked from, either way. */
  function neighbours(id) {
    const e = ENT[id], found = new Set();
    for (const st of e.statements) {
      const v = KG.shownValue(st);
      if (v && v.e !== undefined && v.e !== id) found.add(v.e);
    }
    for (const st of e.incoming) if (st.s !== id) found.add(st.s);
    return [...found].filter((n) => ENT[n]);
  }
  KG.neighbours = neighbours;
  /** The dated events the entity is, takes part in, or is linked to. */
  KG.eventsOf = function (id) {
    const near = new Set([id, ...neighbours(id)]);
    return DATA.timeline.filter((ev) => near.has(ev.id));
  };

  function miniTimeline(events) {
    const box = el("div", "mini-timeline");
    if (!events.length) return box;
    const NS = "http://www.w3.org/2000/svg";
    const times = events.flatMap((ev) => [Date.parse(ev.start), Date.parse(ev.end) + 864e5]);
    let lo = Math.min(...times), hi = Math.max(...times);
    const pad = Math.max((hi - lo) * 0.04, 15 * 864e5);
    lo -= pad; hi += pad;
    const W = 360, H = 26;
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H); svg.setAttribute("width", "100%"); svg.setAttribute("height", String(H));
    svg.setAttribute("aria-hidden", "true");
    const x = (ms) => ((ms - lo) / (hi - lo)) * W;
    const axis = document.createElementNS(NS, "line");
    axis.setAttribute("x1", "0"); axis.setAttribute("x2", String(W)); axis.setAttribute("y1", "13"); axis.setAttribute("y2", "13");
    axis.setAttribute("stroke", "#cbd5e1"); svg.appendChild(axis);
    for (const ev of events) {
      const a = x(Date.parse(ev.start)), b = x(Date.parse(ev.end) + 864e5);
      let mark;
      if (ev.kind === "point") {
        mark = document.createElementNS(NS, "circle");
        mark.setAttribute("cx", String(a)); mark.setAttribute("cy", "13"); mark.setAttribute("r", "5");
      } else {
        mark = document.createElementNS(NS, "rect");
        mark.setAttribute("x", String(a)); mark.setAttribute("y", "8"); mark.setAttribute("height", "10");
        mark.setAttribute("width", String(Math.max(b - a, 3))); mark.setAttribute("rx", "2");
        if (ev.kind === "uncertain") mark.setAttribute("fill-opacity", "0.35");
      }
      // The event's type's colour, as everywhere; the entity's own event ringed.
      mark.setAttribute("fill", KG.typeColor(ENT[ev.id].type));
      if (ev.id === KG.state.entity) { mark.setAttribute("stroke", "#111827"); mark.setAttribute("stroke-width", "2"); }
      svg.appendChild(mark);
    }
    box.appendChild(svg);
    const years = el("div", "mini-years", el("span", "", String(new Date(lo).getUTCFullYear())),
      el("span", "", String(new Date(hi).getUTCFullYear())));
    box.appendChild(years);
    const list = el("ul", "event-list");
    for (const ev of events) list.appendChild(el("li", "", el("span", "when", KG.whenText(ev)), " ", entityLink(ev.id)));
    box.appendChild(list);
    return box;
  }

  /** "Show on the map" is offered when the map has something to show for the entity (itself, its events, or its
      nearest mapped place), and for every place (the map then says why it has no mark). */
  function placeOnMap(id) {
    const aim = KG.mapTarget(id);
    return Boolean(aim && (aim.ids.size || (DATA.types[ENT[id].type] && DATA.types[ENT[id].type].group === "Place")));
  }

  KG.showEntity = function (id) {
    const e = ENT[id];
    if (!e) return;
    KG.state.entity = id;
    KG.state.missing = null;
    body.replaceChildren();
    body.dataset.entity = id;
    delete body.dataset.missing;
    const lang = KG.state.lang, other = lang === "en" ? "es" : "en";
    body.appendChild(el("h2", "", e.labels[lang]));
    if (e.labels[other] !== e.labels[lang]) {
      const otherName = el("p", "other-label", e.labels[other] + " (" + other + ")");
      otherName.lang = other;
      body.appendChild(otherName);
    }
    const type = DATA.types[e.type];
    body.appendChild(el("div", "type-badge", KG.symbol(type.shape, type.color), KG.typeLabel(e.type)));
    if (!KG.knownOn(id)) body.appendChild(el("p", "hint known-later", t("notKnownYet")(KG.state.asOf, KG.firstKnown(id))));
    if (e.aliases) body.appendChild(el("div", "aliases", t("alsoKnown") + e.aliases.join(", ")));
    if (e.descriptions) {
      const own = e.descriptions[lang];
      const desc = own || e.descriptions.en || e.descriptions.es;
      body.appendChild(el("p", "description", own ? desc : KG.dataText(desc, e.descriptions.en ? "en" : "es")));
      const otherDesc = e.descriptions[other];
      if (otherDesc && otherDesc !== desc) {
        const shown = el("p", "description other-label", otherDesc);
        shown.lang = other;
        body.appendChild(shown);
      }
    }
    const dated = e.statements.filter((st) => DATA.temporal.includes(st.p));
    if (dated.length) {
      body.appendChild(el("div", "dates", t("dates") + ": " +
        dated.map((st) => KG.propLabel(st.p) + " " + KG.valueText(KG.shownValue(st), st.p)).join(" · ")));
    }
    if (e.note) body.appendChild(el("div", "note", t("note") + ": ", KG.dataText(e.note, "en")));
    const actions = el("div", "page-actions");
    const events = KG.eventsOf(id);
    if (events.length) {
      const b = el("a", "action", t("onTimeline"));
      b.href = "#/timeline"; b.dataset.highlight = id; actions.appendChild(b);
    }
    if (placeOnMap(id)) {
      const b = el("a", "action", t("onMap"));
      b.href = "#/map"; b.dataset.highlight = id; actions.appendChild(b);
    }
    for (const a of actions.querySelectorAll("a")) {
      a.addEventListener("click", () => { KG.state.highlight = a.dataset.highlight; });
    }
    if (DATA.entityPage) {  // inside the static site: the entity's own page, readable and linkable
      const page = el("a", "action entity-page", t("entityPage"));
      page.href = DATA.entityPage.replace("{id}", encodeURIComponent(id)); actions.appendChild(page);
    }
    if (actions.childNodes.length) body.appendChild(actions);
    body.appendChild(el("h3", "", t("entrySources")));
    body.appendChild(sourceList(e.cites));
    const statements = KG.knownStatements(e.statements), incoming = KG.knownStatements(e.incoming);
    if (statements.length) {
      body.appendChild(el("h3", "", t("statements")));
      body.appendChild(groupedStatements(statements, false, "statements"));
    }
    if (incoming.length) {
      body.appendChild(el("h3", "", t("incoming")));
      body.appendChild(groupedStatements(incoming, true, "incoming"));
    }
    const later = e.statements.length + e.incoming.length - statements.length - incoming.length;
    if (later) body.appendChild(el("p", "hint known-later", t("knownLater")(later, KG.state.asOf)));
    if (events.length) {
      body.appendChild(el("h3", "", t("events")));
      body.appendChild(miniTimeline(events));
    }
    const near = neighbours(id);
    if (near.length) {
      body.appendChild(el("h3", "", t("neighbours")));
      const ul = el("ul", "neighbours");
      near.sort((a, b) => KG.entityLabel(a).localeCompare(KG.entityLabel(b)));
      for (const n of near) {
        const style = DATA.types[ENT[n].type];
        ul.appendChild(el("li", "", KG.symbol(style.shape, style.color, 12), " ", entityLink(n), el("span", "sub", " " + KG.typeLabel(ENT[n].type))));
      }
      body.appendChild(ul);
    }
    openPanel();
  };

  /** A route that names no entity: say so, with the name as asked for (as text). */
  KG.showMissing = function (id) {
    KG.state.entity = null;
    body.replaceChildren(el("h2", "", t("notFound")), el("p", "missing", t("notFoundText")(id)));
    delete body.dataset.entity;
    body.dataset.missing = id;
    openPanel();
  };

  KG.showEdge = function (id) {
    const meta = DATA.edgeMeta[id];
    if (!meta || !meta.statement) return;
    KG.state.entity = null;
    KG.state.missing = null;
    body.replaceChildren();
    delete body.dataset.entity;
    const st = meta.statement;
    body.appendChild(el("h2", "", KG.pick(meta.labels)));
    body.appendChild(el("p", "other-label", t("statement")));
    body.appendChild(el("p", "", entityLink(st.s), " → ", valueNode(KG.shownValue(st), st.p)));
    body.appendChild(statementBlock(st, false));
    openPanel();
  };

  function openPanel() {
    panel.hidden = false;
    panel.scrollTop = 0;
    document.body.classList.add("panel-open");
    KG.emit("layout");
  }
  KG.closePanel = function () {
    if (panel.hidden) return;
    panel.hidden = true;
    KG.state.entity = null;
    KG.state.missing = null;
    document.body.classList.remove("panel-open");
    KG.emit("layout");
  };
  KG.panelOpen = () => !panel.hidden;
  document.getElementById("panel-close").addEventListener("click", () => {
    KG.closePanel();
    KG.writeUrl();
  });
  KG.refreshPanel = function () {
    if (panel.hidden) return;
    if (body.dataset.entity) KG.showEntity(body.dataset.entity);
    else if (body.dataset.missing !== undefined) KG.showMissing(body.dataset.missing);
  };
})();
