/* The network view (vis-network): hubs left out of the first layout and shown on request, a first view at a zoom
   where labels can be read, the focus ringed, filters hiding nodes and links, a click opening the entity page. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, EDGE_META = DATA.edgeMeta, el = KG.el, t = KG.t;
  const state = KG.state;
  const HUBS = new Set(DATA.hubs);
  const net = { physics: !DATA.precomputed, stable: false, layoutMs: null, iterations: 0 };
  KG.net = net;
  let pendingFocus = null;  // an entity asked for before the layout was done

  function nodeTooltip(id) {
    const e = ENT[id];
    const desc = e.descriptions ? (e.descriptions[state.lang] || e.descriptions.en || e.descriptions.es || "") : "";
    const short = desc.length > 220 ? desc.slice(0, 217) + "…" : desc;
    return el("div", "", el("div", "tip-title", KG.pick(e.labels)), el("div", "tip-type", KG.typeLabel(e.type)),
      short ? el("div", "tip-desc", short) : null);
  }
  function edgeTooltip(id) {
    const meta = EDGE_META[id];
    const st = meta.statement;
    const bits = [KG.entityLabel(st ? st.s : ""), " — ", KG.pick(meta.labels), " → ", st ? KG.valueText(KG.shownValue(st), st.p) : ""];
    const quals = st ? KG.qualifierText(st.kind === "error" && st.correction ? st.correction : st) : "";
    const count = meta.sources ? meta.sources.length : 0;
    return el("div", "", el("div", "tip-title", bits.join("")), quals ? el("div", "tip-type", quals) : null,
      el("div", "tip-type", t("sourceCount")(count)));
  }

  // Tooltips are built when the pointer reaches an item (vis-network shows the title after its tooltip delay):
  // building 15,000 of them up front would cost seconds on a large graph.
  const nodes = new vis.DataSet(DATA.nodes);
  const edges = new vis.DataSet(DATA.edges);
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  KG.network = network;
  performance.mark("kg:network-built");
  network.on("hoverNode", (p) => nodes.update({ id: p.node, title: nodeTooltip(p.node) }));
  network.on("hoverEdge", (p) => edges.update({ id: p.edge, title: edgeTooltip(p.edge) }));

  const status = document.getElementById("status");
  // The status line remembers what it says, so the language switch can say it again in the other language.
  let said = null;
  function say(key, ...args) {
    said = key ? [key, args] : null;
    const text = key ? t(key) : "";
    status.textContent = typeof text === "function" ? text(...args) : text;
  }
  const showStatus = (text) => { said = null; status.textContent = text; };
  KG.showStatus = showStatus;
  network.on("stabilizationProgress", (p) => {
    net.iterations = p.iterations;
    say("layingOut", Math.round((100 * p.iterations) / p.total));
  });

  /** The first view: the whole drawing if its labels can be read, else a readable zoom on its busiest part. */
  function readableView() {
    const READABLE = 0.7;  // below this scale, 14 px labels draw under 10 px
    // A large drawing cannot be read whole: skip fitting it (a second full redraw) and zoom in straight away.
    if (!DATA.precomputed) network.fit({ nodes: network.body.nodeIndices.slice(), animation: false });
    if ((!DATA.precomputed && network.getScale() >= READABLE) || DATA.focus) {
      if (DATA.focus) network.focus(DATA.focus, { scale: Math.max(network.getScale(), 0.9), animation: false });
      return;
    }
    let best = null, bestDegree = -1;
    const degree = {};
    for (const e of DATA.edges) {
      if (EDGE_META[e.id].hub) continue;
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    }
    for (const id of network.body.nodeIndices) if ((degree[id] || 0) > bestDegree) { best = id; bestDegree = degree[id] || 0; }
    if (best) network.moveTo({ position: network.getPositions([best])[best], scale: READABLE, animation: false });
  }

  function layoutDone() {
    if (net.stable) return;
    net.stable = true;
    net.layoutMs = performance.now() - KG.started;
    network.setOptions({ physics: { enabled: false } });
    net.physics = false;
    updatePhysicsButton();
    if (DATA.precomputed) say("precomputed", (net.layoutMs / 1000).toFixed(1));
    else say("frozen", (net.layoutMs / 1000).toFixed(1));
    readableView();
    document.body.dataset.layout = "stable";
    performance.mark("kg:stable");
    KG.emit("stable");
    if (pendingFocus) { const id = pendingFocus; pendingFocus = null; focusNode(id); }
  }
  network.once("stabilizationIterationsDone", layoutDone);
  if (DATA.nodes.length === 0 || DATA.precomputed) setTimeout(layoutDone, 0);  // once the rest is wired

  const physicsButton = document.getElementById("physics");
  function updatePhysicsButton() {
    physicsButton.textContent = net.physics ? t("freeze") : t("resume");
    physicsButton.setAttribute("aria-pressed", net.physics ? "true" : "false");
  }
  KG.updatePhysicsButton = updatePhysicsButton;
  physicsButton.addEventListener("click", () => {
    net.physics = !net.physics;
    network.setOptions({ physics: { enabled: net.physics, stabilization: { enabled: false } } });
    if (net.physics) { network.startSimulation(); say("running"); } else say(null);
    updatePhysicsButton();
  });

  // The canvas follows its box: after the entity page opens or closes, or the window turns, "Fit view" fits what
  // is visible now, not the old size.
  const resize = () => { network.setSize("100%", "100%"); network.redraw(); };
  new ResizeObserver(resize).observe(container);
  KG.fitNetwork = function () {
    resize();
    network.fit({ nodes: network.body.nodeIndices.slice(), animation: { duration: 300 } });
  };

  // ------------------------------------------------------------ hubs: out of the layout, beside it on request
  function placeHubs() {
    const ids = network.body.nodeIndices.filter((id) => !HUBS.has(id));
    if (!ids.length) return;
    const pos = network.getPositions(ids);
    let minX = Infinity, minY = Infinity, maxX = -Infinity;
    for (const id of ids) { minX = Math.min(minX, pos[id].x); maxX = Math.max(maxX, pos[id].x); minY = Math.min(minY, pos[id].y); }
    let i = 0;
    for (const id of DATA.hubs) {
      network.moveNode(id, minX + (maxX - minX) * ((i + 1) / (DATA.hubs.length + 1)), minY - 160);
      i++;
    }
  }

  // ------------------------------------------------------------ filters
  const nodeHidden = {}, edgeHidden = {};
  for (const n of DATA.nodes) nodeHidden[n.id] = Boolean(n.hidden);
  for (const e of DATA.edges) edgeHidden[e.id] = Boolean(e.hidden);
  function applyFilters() {
    const source = state.source;
    const base = (id) => KG.typeShown(ENT[id].type) && (!ENT[id].dates || KG.overlaps(ENT[id].dates)) &&
      (state.showHubs || !HUBS.has(id));
    const edgeOk = {}, anchored = new Set(), linked = new Set();
    for (const e of DATA.edges) {
      const meta = EDGE_META[e.id];
      const ok = base(e.from) && base(e.to) && (!meta.dates || KG.overlaps(meta.dates)) &&
        (!source || (meta.sources || []).includes(source));
      edgeOk[e.id] = ok;
      if (!ok) continue;
      if (meta.dates || ENT[e.from].dates) anchored.add(e.to);
      if (meta.dates || ENT[e.to].dates) anchored.add(e.from);
      if (!meta.hub) { linked.add(e.from); linked.add(e.to); }
    }
    const visible = {}, nodeChanges = [];
    for (const n of DATA.nodes) {
      const d = ENT[n.id];
      const show = base(n.id) && (!state.period || Boolean(d.dates) || anchored.has(n.id)) &&
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
    if (state.showHubs && net.stable) placeHubs();
    updateCounts();
  }
  KG.on("filters", applyFilters);

  function updateCounts() {
    const box = document.getElementById("counts");
    box.replaceChildren();
    const shown = DATA.nodes.filter((n) => !nodeHidden[n.id]).length;
    const links = DATA.edges.filter((e) => !edgeHidden[e.id]).length;
    const line = el("div");
    for (const [text, strong] of t("shown")(shown, DATA.nodes.length)) line.appendChild(strong ? el("strong", "", text) : document.createTextNode(text));
    box.appendChild(line);
    box.appendChild(el("div", "", t("links")(links)));
    if (DATA.focus) box.appendChild(el("div", "", t("neighbourhood")(KG.entityLabel(DATA.focus), DATA.depth, DATA.total)));
  }

  // ------------------------------------------------------------ selecting and focusing
  function focusNode(id) {
    if (!ENT[id] || nodeHidden[id] === undefined) return false;
    if (!net.stable) { pendingFocus = id; return true; }
    let note = false;
    if (nodeHidden[id]) {
      if (HUBS.has(id) && !state.showHubs) { KG.setShowHubs(true); } else { KG.clearFilters(); note = true; }
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    if (note) say("hiddenByFilters");
    return true;
  }
  KG.focusNode = focusNode;

  network.on("click", (params) => {
    if (params.nodes.length) KG.go(KG.entityHref(params.nodes[0]));
    else if (params.edges.length) KG.showEdge(params.edges[0]);
    else if (KG.panelOpen()) { KG.closePanel(); history.replaceState(null, "", "#/" + state.view); }
  });

  KG.on("lang", () => {
    nodes.update(DATA.nodes.map((n) => ({ id: n.id, label: ENT[n.id].labels[state.lang], title: undefined })));
    if (!DATA.precomputed) edges.update(DATA.edges.map((e) => ({ id: e.id, label: EDGE_META[e.id].labels[state.lang], title: undefined })));
    updatePhysicsButton();
    updateCounts();
    if (said) say(said[0], ...said[1]);
  });
  KG.network.kg = { nodes: nodes, edges: edges, nodeHidden: nodeHidden, edgeHidden: edgeHidden };
})();
