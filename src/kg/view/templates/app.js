/* Start-up and the controls every view shares: the view tabs and routes, the filter sidebar (a sheet on a phone),
   the legend and type filter, period and source filters, search, the language switch. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, el = KG.el, t = KG.t, state = KG.state;

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
        for (const r of rows) { if (groupCheck.checked) state.hiddenTypes.delete(r.type); else state.hiddenTypes.add(r.type); }
        buildLegend();
        KG.filtersChanged();
      });
      const groupName = DATA.groups[group] ? KG.pick(DATA.groups[group]) : group;
      const total = rows.reduce((sum, r) => sum + r.count, 0);
      if (rows.length > 1 || rows[0].type !== group) box.appendChild(el("label", "", groupCheck, groupName + " (" + total + ")"));
      for (const row of rows) {
        const check = el("input");
        check.type = "checkbox";
        check.dataset.type = row.type;
        check.checked = !state.hiddenTypes.has(row.type);
        check.addEventListener("change", () => {
          if (check.checked) state.hiddenTypes.delete(row.type); else state.hiddenTypes.add(row.type);
          buildLegend();
          KG.filtersChanged();
        });
        const label = el("label", "legend-row", check, KG.symbol(row.shape, row.color), KG.pick(row.labels), el("span", "count", String(row.count)));
        if (rows.length === 1 && rows[0].type === group) label.style.paddingLeft = "0";
        box.appendChild(label);
      }
      legendBox.appendChild(box);
    }
    const edgeBox = document.getElementById("edge-legend");
    edgeBox.replaceChildren(el("div", "edge-row", KG.edgeSymbol("#9aa3ad"), t("edgeSolid")),
      el("div", "edge-row", KG.edgeSymbol("#d97706", "5 3"), t("edgeDashed")));
    if (DATA.hubs.length) edgeBox.appendChild(el("div", "edge-row", KG.edgeSymbol("#cbd5e1", "2 4"), t("edgeHub")));
  }
  document.getElementById("types-all").addEventListener("click", () => { state.hiddenTypes.clear(); buildLegend(); KG.filtersChanged(); });
  document.getElementById("types-none").addEventListener("click", () => {
    for (const row of DATA.legend) state.hiddenTypes.add(row.type);
    buildLegend(); KG.filtersChanged();
  });

  // ------------------------------------------------------------ hubs
  const hubsCheck = document.getElementById("show-hubs");
  if (!DATA.hubs.length) document.getElementById("hubs-section").hidden = true;
  KG.setShowHubs = function (on) { state.showHubs = on; hubsCheck.checked = on; KG.filtersChanged(); };
  hubsCheck.addEventListener("change", () => KG.setShowHubs(hubsCheck.checked));

  // ------------------------------------------------------------ period and source
  const fromInput = document.getElementById("date-from");
  const toInput = document.getElementById("date-to");
  function readPeriod() {
    const fromText = fromInput.value.trim(), toText = toInput.value.trim();
    const lo = fromText ? KG.dayOf(fromText, false) : "0000-01-01";
    const hi = toText ? KG.dayOf(toText, true) : "9999-12-31";
    fromInput.classList.toggle("invalid", fromText !== "" && lo === null);
    toInput.classList.toggle("invalid", toText !== "" && hi === null);
    if (!fromText && !toText) return null;
    if (lo === null || hi === null) return state.period;
    return [lo, hi];
  }
  for (const input of [fromInput, toInput]) input.addEventListener("input", () => { state.period = readPeriod(); KG.filtersChanged(); });
  document.getElementById("period-clear").addEventListener("click", () => {
    fromInput.value = ""; toInput.value = ""; state.period = readPeriod(); KG.filtersChanged();
  });

  const sourceSelect = document.getElementById("source-filter");
  const sourceCounts = KG.dict();
  for (const id in ENT) for (const s of ENT[id].sources) sourceCounts[s] = (sourceCounts[s] || 0) + 1;
  const SOURCE_ORDER = KG.dict({ Article: 0, CitedWork: 1, CuratorKnowledge: 2 });
  const sourceIds = Object.keys(DATA.sources).sort((a, b) => {
    const ka = SOURCE_ORDER[DATA.sources[a].type] ?? 1, kb = SOURCE_ORDER[DATA.sources[b].type] ?? 1;
    return ka - kb || KG.entityLabel(a).localeCompare(KG.entityLabel(b));
  });
  function buildSourceSelect() {
    sourceSelect.replaceChildren();
    const all = el("option", "", t("allSources"));
    all.value = "";
    sourceSelect.appendChild(all);
    for (const id of sourceIds) {
      const option = el("option", "", KG.entityLabel(id) + " (" + (sourceCounts[id] || 0) + ")");
      option.value = id;
      sourceSelect.appendChild(option);
    }
    sourceSelect.value = state.source;
  }
  sourceSelect.addEventListener("change", () => { state.source = sourceSelect.value; KG.filtersChanged(); });

  KG.clearFilters = function () {
    state.hiddenTypes.clear();
    state.source = "";
    fromInput.value = ""; toInput.value = "";
    state.period = readPeriod();
    sourceSelect.value = "";
    buildLegend();
    KG.filtersChanged();
  };

  // ------------------------------------------------------------ the filter sheet (a phone shows it on request)
  const filtersButton = document.getElementById("filters-toggle");
  filtersButton.addEventListener("click", () => {
    const open = !document.body.classList.contains("filters-open");
    document.body.classList.toggle("filters-open", open);
    filtersButton.setAttribute("aria-expanded", open ? "true" : "false");
    KG.emit("layout");
  });

  // ------------------------------------------------------------ search: every word, in any order, accents aside
  const searchInput = document.getElementById("search");
  const suggestionList = document.getElementById("suggestions");
  const searchIndex = Object.keys(ENT).map((id) => {
    const e = ENT[id];
    const keys = [[e.labels.en, 0], [e.labels.es, 0], ...(e.aliases || []).map((a) => [a, 0.25]), [id, 0.5]];
    return { id: id, keys: keys.map(([k, penalty]) => [KG.fold(k), penalty]) };
  });
  let suggestions = [], active = -1;
  function rankWord(k, q) {
    if (k === q) return 0;
    if (k.startsWith(q)) return 1;
    if (k.includes(" " + q) || k.includes("-" + q)) return 2;
    if (k.includes(q)) return 3;
    return Infinity;
  }
  function rank(keys, q, words) {
    let best = Infinity;
    for (const [k, penalty] of keys) {
      let r = rankWord(k, q);
      if (r === Infinity && words.length > 1) {  // every word somewhere in this name, in any order
        const ranks = words.map((w) => rankWord(k, w));
        if (ranks.every((x) => x < Infinity)) r = 3 + Math.max(...ranks) / 10;
      }
      best = Math.min(best, r + penalty);
    }
    return best;
  }
  function renderSuggestions() {
    suggestionList.replaceChildren();
    suggestions.forEach((id, i) => {
      const e = ENT[id], type = DATA.types[e.type];
      const li = el("li", "", KG.symbol(type.shape, type.color), el("span", "", KG.pick(e.labels)), el("span", "sub", KG.typeLabel(e.type)));
      li.setAttribute("role", "option");
      li.dataset.id = id;
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(id); });
      suggestionList.appendChild(li);
    });
    const open = suggestions.length > 0 || (searchInput.value.trim() !== "" && document.activeElement === searchInput);
    if (!suggestions.length && searchInput.value.trim() !== "") suggestionList.appendChild(el("li", "sub", t("noMatch")));
    suggestionList.hidden = !open;
    searchInput.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function updateSuggestions() {
    const q = KG.fold(searchInput.value.trim().replace(/\s+/g, " "));
    if (!q) { suggestions = []; active = -1; renderSuggestions(); return; }
    const words = q.split(" ");
    suggestions = searchIndex
      .map((item) => ({ id: item.id, r: rank(item.keys, q, words) }))
      .filter((x) => x.r < Infinity)
      .sort((a, b) => a.r - b.r || KG.entityLabel(a.id).localeCompare(KG.entityLabel(b.id)))
      .slice(0, 12)
      .map((x) => x.id);
    active = suggestions.length ? 0 : -1;
    renderSuggestions();
  }
  function choose(id) {
    searchInput.value = KG.entityLabel(id);
    suggestions = []; active = -1;
    renderSuggestions();
    suggestionList.hidden = true;
    searchInput.blur();
    KG.go(KG.entityHref(id));
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

  // ------------------------------------------------------------ views and routes
  const tabs = document.querySelectorAll("#tabs a");
  function showView(view) {
    document.body.dataset.view = view;
    for (const tab of tabs) tab.setAttribute("aria-current", tab.dataset.view === view ? "page" : "false");
    for (const v of KG.VIEWS) document.getElementById("view-" + v).hidden = v !== view;
    document.getElementById("physics").hidden = view !== "network";
    document.getElementById("export-box").hidden = view !== "network";
    KG.closeExportMenu();
    KG.emit("view", view);
    KG.emit("layout");
  }
  let shownView = null;
  KG.on("route", ({ view, entity, missing, linked }) => {
    if (shownView !== view) { shownView = view; showView(view); }
    if (entity) {
      KG.showEntity(entity);
      if (view === "network") KG.focusNode(entity, linked);
    } else if (missing !== null) {
      KG.showMissing(missing);
    } else {
      KG.closePanel();
    }
  });
  window.addEventListener("hashchange", KG.route);
  /** The controls take up a state read from the address (the page opening from a link, or history going back to
      one): the period's fields, the hubs' checkbox, the legend and the source list (by applyLanguage). */
  function showState() {
    fromInput.value = state.period ? KG.periodText(state.period[0], false) : "";
    toInput.value = state.period ? KG.periodText(state.period[1], true) : "";
    fromInput.classList.remove("invalid"); toInput.classList.remove("invalid");
    hubsCheck.checked = state.showHubs;
  }
  KG.on("restore", () => { showState(); applyLanguage(state.lang, true); });
  for (const tab of tabs) tab.addEventListener("click", () => { if (tab.dataset.view !== state.view) state.highlight = null; });
  document.getElementById("fit").addEventListener("click", () => KG.fitView());

  // ------------------------------------------------------------ language
  function applyLanguage(lang, initial) {
    const changed = lang !== state.lang;
    state.lang = lang;
    document.documentElement.lang = lang;
    for (const b of document.querySelectorAll(".lang-switch button")) b.classList.toggle("active", b.dataset.lang === lang);
    searchInput.placeholder = t("search");
    const set = (id, text) => { document.getElementById(id).textContent = text; };
    set("page-title", t("title"));
    document.title = t("title");
    set("fit", t("fit")); set("filters-toggle", t("filters"));
    set("export", t("exportPicture")); set("export-png", t("exportPng")); set("export-svg", t("exportSvg"));
    set("h-types", t("types")); set("types-all", t("all")); set("types-none", t("none"));
    set("h-period", t("period")); set("period-hint", t("periodHint")); set("l-from", t("from")); set("l-to", t("to"));
    set("period-clear", t("clearPeriod")); set("h-source", t("source")); set("about", t("about"));
    set("h-edges", t("edges")); set("l-hubs", t("hubs"));
    set("hubs-hint", t("hubsHint")(DATA.hubs.map((id) => KG.entityLabel(id)).join(", ")));
    fromInput.placeholder = t("datePlaceholder");
    toInput.placeholder = t("datePlaceholder");
    for (const tab of tabs) tab.textContent = t("tabs")[tab.dataset.view];
    document.getElementById("panel-close").setAttribute("aria-label", t("close"));
    document.getElementById("network").setAttribute("aria-label", t("tabs").network);
    KG.updatePhysicsButton();
    buildLegend();
    buildSourceSelect();
    if (changed && !initial) KG.emit("lang", lang);
    KG.refreshPanel();
    if (suggestions.length) renderSuggestions();
  }
  KG.applyLanguage = applyLanguage;
  for (const b of document.querySelectorAll(".lang-switch button")) b.addEventListener("click", () => applyLanguage(b.dataset.lang));

  KG.restore();  // the state the address names (core.js reads it), before the route is followed
  KG.route();

  // For tests and for curious readers in the browser console.
  window.kgView = Object.assign({}, KG.networkApi, {
    state: state, net: KG.net, data: DATA, focusNode: KG.focusNode, applyLanguage: applyLanguage,
    timelineItems: KG.timelineItems, mapItems: KG.mapItems, mapDetails: KG.mapDetails, chartItems: KG.chartItems,
  });
})();
