/* Time, twice, in the explorer. "As known on" (beside the period filter): only what sources had *published* on or
   before a day, in every view — entity pages, network, timeline, map, charts — by the first day each statement and
   entity was known (kg.history.as_of computes those days; this script only compares them). The period filter is the
   other time: when things *happened*. And in the network, a year stepper with a play control: the relations in force
   each year (kg.outputs.spells: a relation with a start and no end stays until it is ended or replaced), those known
   only to the year drawn dotted within it. The page says on screen which of these it is showing. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, TIME = DATA.time, EDGE_META = DATA.edgeMeta, el = KG.el, t = KG.t;
  const state = KG.state;
  const DAYS = TIME.days, ENTITY_DAY = KG.dict(TIME.entities), SOURCE_DAY = KG.dict(TIME.sources);
  const RELATION_SPELLS = KG.dict(TIME.spells.relations), ENTITY_SPELLS = KG.dict(TIME.spells.entities);

  // ------------------------------------------------------------ as known on
  const dayOf = (k) => (k === undefined ? undefined : DAYS[k]);
  const upTo = (day) => day !== undefined && (state.asOf === null || day <= state.asOf);
  const shownRecord = (st) => (st && st.kind === "error" && st.correction ? st.correction : st);
  KG.knownOn = (id) => {
    if (state.asOf === null) return true;
    if (id in ENTITY_DAY) return upTo(DAYS[ENTITY_DAY[id]]);
    return !DATA.entities[id];  // a drawn entity with no day was never known; names and sources are not drawn
  };
  KG.edgeKnownOn = (iri) => {
    if (state.asOf === null) return true;
    const meta = EDGE_META[iri];
    return Boolean(meta && meta.statement) && upTo(dayOf(shownRecord(meta.statement).k));
  };
  /** The first day the entity was known, or null when no dated source names it. */
  KG.firstKnown = (id) => (id in ENTITY_DAY ? DAYS[ENTITY_DAY[id]] : null);
  KG.citeKnownOn = (cite) => state.asOf === null || upTo(SOURCE_DAY[cite[0]]);
  /** As known on a day, a statement whose later sources are left out cannot claim today's count of independent
      sources (kg.core.evidence counts them for the whole record): say how many of its sources were public then. */
  KG.evidenceAsOf = (st) => {
    if (state.asOf === null || !st.cites) return null;
    const kept = st.cites.filter(KG.citeKnownOn);
    if (kept.length === st.cites.length) return null;
    const named = new Set(kept.map((c) => c[0]).filter((s) => !DATA.sources[s] || DATA.sources[s].type !== "CuratorKnowledge"));
    return t("sourcesThen")(named.size, state.asOf);
  };
  KG.knownStatements = (records) => (state.asOf === null ? records : records.filter((st) => upTo(dayOf(st.k))));

  const asOfInput = document.getElementById("as-of");
  const asOfStatus = document.getElementById("asof-status");
  const banner = document.getElementById("time-banner");
  const lastPublished = DAYS.length ? DAYS[DAYS.length - 1] : "";
  function readAsOf() {
    const text = asOfInput.value.trim();
    const day = text ? KG.dayOf(text, true) : null;  // YYYY-MM or YYYY: as known at the end of it
    asOfInput.classList.toggle("invalid", text !== "" && day === null);
    if (text !== "" && day === null) return;  // keep the last valid day while the reader types
    // A page drawn as known on a day holds nothing later: a later day shows the same, and says so.
    state.asOf = day === null ? TIME.asOf : (TIME.asOf && day > TIME.asOf ? TIME.asOf : day);
    KG.filtersChanged();
    KG.refreshPanel();  // an entity page shows only what was known that day
  }
  asOfInput.addEventListener("input", readAsOf);
  document.getElementById("asof-clear").addEventListener("click", () => { asOfInput.value = ""; readAsOf(); });

  /** What the page is showing, in words, in the sidebar and over the views. */
  function describe() {
    asOfStatus.replaceChildren();
    if (TIME.asOf) asOfStatus.appendChild(el("p", "built-as-of", t("builtAsOf")(TIME.asOf)));
    asOfStatus.appendChild(el("p", "", state.asOf ? t("showingAsOf")(state.asOf) : t("showingAll")(lastPublished)));
    if (TIME.release) asOfStatus.appendChild(el("p", "release", t("release")(TIME.release.version, TIME.release.date)));
    const parts = [];
    if (state.asOf) parts.push(t("bannerAsOf")(state.asOf));
    if (state.period) parts.push(t("bannerPeriod")(state.period[0], state.period[1]));
    if (state.year !== null && state.view === "network") parts.push(t("bannerYear")(state.year));
    banner.textContent = parts.join(" · ");
    banner.hidden = !parts.length;
  }

  // ------------------------------------------------------------ relations in force, year by year
  const yearOf = (day, fallback) => (day ? Number(day.slice(0, 4)) : fallback);
  /** "certain", "uncertain" (the year is all that is known of a bound in it) or null: was the relation in force in
      that year? Undated relations have no year. */
  function inYear(spell, year) {
    if (!spell) return null;
    if (yearOf(spell.begin, -Infinity) > year || yearOf(spell.end, Infinity) < year) return null;
    return spell.uncertain.includes(year) ? "uncertain" : "certain";
  }
  KG.yearShown = () => state.year;  // only the network steps through years
  KG.edgeInYear = (iri, year) => inYear(RELATION_SPELLS[iri], year);
  KG.entityInYear = (id, year) => inYear(ENTITY_SPELLS[id], year) !== null;

  const stepper = document.getElementById("year-stepper");
  const yearValue = document.getElementById("year-value");
  const yearStatus = document.getElementById("year-status");
  const playButton = document.getElementById("year-play");
  const [FIRST, LAST] = TIME.years || [null, null];
  if (FIRST === null) stepper.hidden = true;
  let playing = null;
  function setYear(year) {
    state.year = year === null ? null : Math.min(LAST, Math.max(FIRST, year));
    KG.filtersChanged();
  }
  function stop() {
    if (playing !== null) clearTimeout(playing);
    playing = null;
    playButton.textContent = t("yearPlay");
    playButton.setAttribute("aria-pressed", "false");
  }
  function tick() {
    if (state.year === null || state.year >= LAST) { stop(); return; }
    setYear(state.year + 1);
    playing = setTimeout(tick, 1200);
  }
  playButton.addEventListener("click", () => {
    if (playing !== null) { stop(); return; }
    if (state.year === null || state.year >= LAST) setYear(FIRST);
    playButton.textContent = t("yearPause");
    playButton.setAttribute("aria-pressed", "true");
    playing = setTimeout(tick, 1200);
  });
  document.getElementById("year-prev").addEventListener("click", () => { stop(); setYear(state.year === null ? LAST : state.year - 1); });
  document.getElementById("year-next").addEventListener("click", () => { stop(); setYear(state.year === null ? FIRST : state.year + 1); });
  document.getElementById("year-all").addEventListener("click", () => { stop(); setYear(null); });

  // After the network has hidden what the filters leave out: relations known only to the year are drawn dotted
  // within it, and the year's count is said.
  const ORIGINAL_DASHES = KG.dict();
  for (const e of DATA.edges) ORIGINAL_DASHES[e.id] = e.dashes || false;
  const dotted = new Set();
  function drawYear() {
    const api = KG.networkApi;
    const year = KG.yearShown(), changes = [];
    let count = 0, unsure = 0;
    for (const e of DATA.edges) {
      const status = year === null || api.edgeHidden[e.id] ? null : KG.edgeInYear(e.id, year);
      if (status) count++;
      const want = status === "uncertain";
      if (want) unsure++;
      if (want !== dotted.has(e.id)) {
        if (want) dotted.add(e.id); else dotted.delete(e.id);
        changes.push({ id: e.id, dashes: want ? [2, 6] : ORIGINAL_DASHES[e.id] });
      }
    }
    if (changes.length) api.edges.update(changes);
    yearValue.textContent = state.year === null ? t("yearAll") : String(state.year);
    yearStatus.textContent = year === null ? t("yearHint") : t("yearStatus")(year, count, unsure);
    stepper.dataset.year = state.year === null ? "" : String(state.year);
  }
  /** For tests and the browser console: the relations drawn, each certain or uncertain, in the year shown. */
  KG.relationsShown = function () {
    const year = KG.yearShown(), out = KG.dict();
    for (const e of DATA.edges) {
      if (KG.networkApi.edgeHidden[e.id]) continue;
      out[e.id] = year === null ? "shown" : KG.edgeInYear(e.id, year);
    }
    return out;
  };

  function language() {
    const set = (id, text) => { document.getElementById(id).textContent = text; };
    set("h-asof", t("asOf")); set("asof-hint", t("asOfHint")); set("l-asof", t("asOfDay")); set("asof-clear", t("asOfClear"));
    asOfInput.placeholder = t("datePlaceholder");
    for (const [id, key] of [["year-prev", "yearPrev"], ["year-next", "yearNext"]]) {
      document.getElementById(id).setAttribute("aria-label", t(key));
      document.getElementById(id).title = t(key);
    }
    set("year-all", t("yearAll"));
    playButton.textContent = playing !== null ? t("yearPause") : t("yearPlay");
    stepper.setAttribute("aria-label", t("yearHint"));
    describe();
    drawYear();
  }
  KG.on("filters", () => { describe(); drawYear(); });
  KG.on("lang", language);
  KG.on("view", () => { if (state.view !== "network") stop(); describe(); });
  // The day and the year a link names (core.js reads them): the field shows the day, a year playing stops.
  KG.on("restore", () => { stop(); asOfInput.value = state.asOf || ""; asOfInput.classList.remove("invalid"); });
  asOfInput.value = state.asOf || "";
  language();
})();
