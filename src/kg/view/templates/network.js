/* The network view (vis-network): hubs left out of the first layout and shown on request, the whole drawing in the
   first view, the focus ringed, filters hiding nodes and links, a click opening the entity page.

   vis-network lays the graph out and draws the links; this script draws the glyphs (one per type, as in the legend,
   never smaller than a few pixels) and every label. Labels are placed after each frame by importance (the focus,
   the selected entity, then by number of links): a label goes below, above, right or left of its glyph, wherever it
   overlaps no label already placed and no other glyph, inside the canvas, or is left out at that zoom. Names wrap
   between words, never inside one. The drawn labels are what `kgView.labels()` returns. */
(function () {
  "use strict";
  const KG = window.KG, DATA = KG.data, ENT = DATA.entities, EDGE_META = DATA.edgeMeta, el = KG.el, t = KG.t;
  const state = KG.state;
  const HUBS = new Set(DATA.hubs);
  const net = { physics: !DATA.precomputed, stable: false, layoutMs: null, iterations: 0 };
  KG.net = net;
  let pendingFocus = null, pendingKeep = false;  // an entity asked for before the layout was done

  // vis-network keeps its nodes in plain objects: an id such as `constructor` would be read as Object's own. Its
  // ids are the entity ids behind a prefix, and everything that leaves this script speaks entity ids.
  const vid = (id) => "n:" + id;
  const eid = (visId) => String(visId).slice(2);

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

  // ------------------------------------------------------------ glyphs
  const MIN_GLYPH_PX = 5;  // a glyph's radius on screen never goes below this, however far out the view is
  const WIDE = { box: [1.3, 0.8], ellipse: [1.3, 0.8], text: [1.3, 0.8], database: [1.1, 1.1] };
  let network = null;
  /** A glyph's outline, in units of its radius: a polygon, a circle, an ellipse or a rounded box (as KG.symbol
      draws it in the legend). */
  function outline(shape) {
    const ring = (n, start, radius) => [...Array(n).keys()].map((k) => {
      const a = start + (k * 2 * Math.PI) / n;
      return [(typeof radius === "function" ? radius(k) : radius) * Math.cos(a), (typeof radius === "function" ? radius(k) : radius) * Math.sin(a)];
    });
    switch (shape) {
      case "diamond": return { poly: [[0, -1], [1, 0], [0, 1], [-1, 0]] };
      case "square": return { poly: [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]] };
      case "triangle": return { poly: [[0, -1.05], [0.95, 0.7], [-0.95, 0.7]] };
      case "triangleDown": return { poly: [[0, 1.05], [0.95, -0.7], [-0.95, -0.7]] };
      case "hexagon": return { poly: ring(6, 0, 1) };
      case "star": return { poly: ring(10, -Math.PI / 2, (k) => (k % 2 ? 0.45 : 1.1)) };
      case "box": case "text": return { box: WIDE.box };
      case "ellipse": return { ellipse: WIDE.ellipse };
      default: return { circle: 1 };
    }
  }
  function glyphPath(ctx, shape, x, y, r) {
    const o = outline(shape);
    ctx.beginPath();
    if (o.poly) {
      o.poly.forEach(([px, py], i) => (i ? ctx.lineTo(x + px * r, y + py * r) : ctx.moveTo(x + px * r, y + py * r)));
      ctx.closePath();
    } else if (o.box) ctx.roundRect(x - o.box[0] * r, y - o.box[1] * r, 2 * o.box[0] * r, 2 * o.box[1] * r, 0.3 * r);
    else if (o.ellipse) ctx.ellipse(x, y, o.ellipse[0] * r, o.ellipse[1] * r, 0, 0, 2 * Math.PI);
    else ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const name of Object.keys(attrs)) node.setAttribute(name, String(attrs[name]));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function glyphSvg(shape, x, y, r, fill) {
    const o = outline(shape), f = (n) => Math.round(n * 10) / 10;
    const paint = { fill: fill, stroke: "#33333377", "stroke-width": 1 };
    if (o.poly) return svgEl("polygon", Object.assign({ points: o.poly.map(([px, py]) => f(x + px * r) + "," + f(y + py * r)).join(" ") }, paint));
    if (o.box) return svgEl("rect", Object.assign({ x: f(x - o.box[0] * r), y: f(y - o.box[1] * r), width: f(2 * o.box[0] * r), height: f(2 * o.box[1] * r), rx: f(0.3 * r) }, paint));
    if (o.ellipse) return svgEl("ellipse", Object.assign({ cx: f(x), cy: f(y), rx: f(o.ellipse[0] * r), ry: f(o.ellipse[1] * r) }, paint));
    return svgEl("circle", Object.assign({ cx: f(x), cy: f(y), r: f(r) }, paint));
  }
  /** The radius a node is drawn with, in canvas units, at the current zoom. */
  function glyphRadius(size) {
    const scale = network ? network.getScale() : 1;
    return Math.max(size, MIN_GLYPH_PX / scale);
  }
  function renderer(shape) {
    const [wide, high] = WIDE[shape] || [1, 1];
    return ({ ctx, x, y, state: drawState, style }) => {
      const r = glyphRadius(style.size);
      return {
        drawNode() {
          glyphPath(ctx, shape, x, y, r);
          ctx.fillStyle = style.color;
          ctx.fill();
          if (style.borderWidth) {
            const scale = network ? network.getScale() : 1;
            ctx.lineWidth = Math.max(style.borderWidth, drawState.selected || drawState.hover ? 2 / scale : 0);
            ctx.strokeStyle = style.borderColor;
            ctx.stroke();
          }
        },
        nodeDimensions: { width: 2 * wide * r, height: 2 * high * r },
      };
    };
  }

  // Tooltips are built when the pointer reaches an item (vis-network shows the title after its tooltip delay):
  // building 15,000 of them up front would cost seconds on a large graph.
  const SHAPE = KG.dict();
  for (const n of DATA.nodes) SHAPE[n.id] = n.shape;
  const RENDERERS = KG.dict();
  const nodes = new vis.DataSet(DATA.nodes.map((n) => Object.assign({}, n, {
    id: vid(n.id), shape: "custom", ctxRenderer: RENDERERS[n.shape] || (RENDERERS[n.shape] = renderer(n.shape)),
  })));
  const edges = new vis.DataSet(DATA.edges.map((e) => Object.assign({}, e, { from: vid(e.from), to: vid(e.to) })));
  const container = document.getElementById("network");
  network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  KG.network = network;
  performance.mark("kg:network-built");
  network.on("hoverNode", (p) => nodes.update({ id: p.node, title: nodeTooltip(eid(p.node)) }));
  network.on("hoverEdge", (p) => edges.update({ id: p.edge, title: edgeTooltip(p.edge) }));

  // ------------------------------------------------------------ labels
  const FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const LINE = 1.2;          // line height, in font sizes
  const WRAP = 22;           // characters a label line holds before it wraps (between words)
  const MAX_LINES = 3;
  const EDGE_LABEL_SCALE = 0.75;  // edge labels are drawn from this zoom on (and always for the selected entity)
  const degree = KG.dict();
  for (const e of DATA.edges) {
    if (EDGE_META[e.id].hub) continue;
    degree[e.from] = (degree[e.from] || 0) + 1;
    degree[e.to] = (degree[e.to] || 0) + 1;
  }
  /** A name in lines of at most WRAP characters, broken between words only; past MAX_LINES the last line ends
      with "…" (the whole name is in the tooltip and the entity's page). */
  function wrap(text) {
    const lines = [];
    let line = "";
    const words = String(text).split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (line && (line + " " + word).length > WRAP) {
        if (lines.length === MAX_LINES - 1) { lines.push(line + " …"); return lines; }
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }
  const wrapped = KG.dict();
  const lineCache = (key, text) => wrapped[key] || (wrapped[key] = wrap(text));
  const widths = KG.dict();
  function textWidth(ctx, font, text) {
    const key = font + "\u0000" + text;
    if (widths[key] === undefined) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }
  function fontOf(size, bold) { return (bold ? "600 " : "") + size + "px " + FACE; }
  /** A name's size on screen, whatever the zoom: larger for the focus and the busiest entities, a little smaller
      on a phone, never under 11 px. */
  function nodeFontSize(id) {
    const size = id === DATA.focus ? 17 : Math.min(16, 12 + Math.log2(1 + (degree[id] || 0)) * 0.9);
    return container.clientWidth < 600 ? Math.max(11, size * 0.85) : size;
  }

  let drawnLabels = [];
  /** Where the labels go this frame (DOM pixels inside the canvas), most important first, none overlapping. */
  function placeLabels(ctx) {
    const W = container.clientWidth, H = container.clientHeight;
    const scale = network.getScale();
    const selected = new Set(network.getSelectedNodes().map(eid));
    const ids = network.body.nodeIndices.filter((v) => !network.body.nodes[v].options.hidden).map(eid);
    const glyphs = KG.dict();
    for (const id of ids) {
      const n = network.body.nodes[vid(id)];
      const p = network.canvasToDOM({ x: n.x, y: n.y });
      const r = glyphRadius(n.options.size) * scale;
      const [wide, high] = WIDE[SHAPE[id]] || [1, 1];
      glyphs[id] = { x: p.x, y: p.y, hw: wide * r, hh: high * r };
    }
    // A uniform grid of cells, so each candidate is checked against its neighbours only.
    const CELL = 64, grid = new Map();
    const cells = (b, fn) => {
      for (let cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.w) / CELL); cx++) {
        for (let cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.h) / CELL); cy++) {
          if (fn(cx + "," + cy)) return true;
        }
      }
      return false;
    };
    const hits = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const add = (b) => cells(b, (key) => { if (!grid.has(key)) grid.set(key, []); grid.get(key).push(b); return false; });
    // `overGlyphs`: the label may cover other entities' glyphs (the busiest entities' names matter more than
    // seeing every small glyph under them), never another label.
    const free = (b, own, overGlyphs) => b.x >= 0 && b.y >= 0 && b.x + b.w <= W && b.y + b.h <= H &&
      !cells(b, (key) => (grid.get(key) || []).some((o) => o.owner !== own && !(overGlyphs && o.glyph) && hits(o, b)));
    // Glyphs are obstacles too: a label never covers another entity.
    for (const id of ids) {
      const g = glyphs[id];
      if (g.x + g.hw < 0 || g.y + g.hh < 0 || g.x - g.hw > W || g.y - g.hh > H) continue;
      add({ x: g.x - g.hw, y: g.y - g.hh, w: 2 * g.hw, h: 2 * g.hh, owner: id, glyph: true });
    }
    const rank = (id) => (id === DATA.focus ? 3 : 0) + (selected.has(id) ? 2 : 0);
    const order = ids.filter((id) => {
      const g = glyphs[id];
      return g.x > -200 && g.y > -100 && g.x < W + 200 && g.y < H + 100;
    }).sort((a, b) => rank(b) - rank(a) || (degree[b] || 0) - (degree[a] || 0) || a.localeCompare(b));
    const out = [];
    // The busiest entities (and the focus and the selected) may put their names over small glyphs if they must.
    const busy = Math.max(6, (degree[order[Math.min(order.length - 1, 9)]] || 0));
    for (const id of order) {
      const size = Math.round(nodeFontSize(id) * 10) / 10;
      const bold = id === DATA.focus || selected.has(id);
      const font = fontOf(size, bold);
      const lines = lineCache(state.lang + "\u0000" + id, KG.pick(ENT[id].labels));
      const w = Math.max(...lines.map((l) => textWidth(ctx, font, l))) + 4;
      const h = lines.length * size * LINE;
      const g = glyphs[id];
      const spots = [
        { x: g.x - w / 2, y: g.y + g.hh + 2 }, { x: g.x - w / 2, y: g.y - g.hh - 2 - h },
        { x: g.x + g.hw + 4, y: g.y - h / 2 }, { x: g.x - g.hw - 4 - w, y: g.y - h / 2 },
        { x: g.x + g.hw * 0.7, y: g.y + g.hh * 0.7 }, { x: g.x - g.hw * 0.7 - w, y: g.y + g.hh * 0.7 },
        { x: g.x + g.hw * 0.7, y: g.y - g.hh * 0.7 - h }, { x: g.x - g.hw * 0.7 - w, y: g.y - g.hh * 0.7 - h },
      ];
      // Near an edge of the canvas, the names below and above slide inward (still touching their glyph).
      for (const spot of spots.slice(0, 2)) {
        const x = Math.min(Math.max(spot.x, 0), W - w);
        if (x !== spot.x && x <= g.x + g.hw && x + w >= g.x - g.hw) spots.push({ x: x, y: spot.y });
      }
      spots.forEach((spot, i) => { spots[i] = { x: spot.x, y: spot.y, w: w, h: h, owner: id }; });
      const important = rank(id) > 0 || (degree[id] || 0) >= busy;
      if (important) {  // the busiest may stand a little further off their glyph rather than go unnamed
        const gap = Math.min(h, 24);
        spots.push(...[[0, gap], [0, -gap], [gap, 0], [-gap, 0]].map(([dx, dy], k) => {
          const near = spots[k];
          return { x: near.x + dx, y: near.y + dy, w: w, h: h, owner: id };
        }));
      }
      let box = spots.find((b) => free(b, id, false));
      if (!box && important) {
        // Over glyphs if it must: where it hides the fewest links' worth of other entities.
        const cost = (b) => {
          const hidden = new Set();
          cells(b, (key) => { for (const o of grid.get(key) || []) if (o.glyph && o.owner !== id && hits(o, b)) hidden.add(o.owner); return false; });
          return [...hidden].reduce((sum, other) => sum + 1 + (degree[other] || 0), 0);
        };
        const open = spots.filter((b) => free(b, id, true));
        if (open.length) box = open.reduce((best, b) => (cost(b) < cost(best) ? b : best));
      }
      if (!box) continue;
      add(box);
      out.push({ kind: "node", id: id, lines: lines, font: font, size: size, x: box.x, y: box.y, w: w, h: h,
        color: HUBS.has(id) ? "#6b7280" : "#111827" });
    }
    // Link labels where there is room: from a readable zoom on, or around the selected entity.
    const edgeLabels = scale >= EDGE_LABEL_SCALE || selected.size > 0;
    if (edgeLabels && !DATA.precomputed) {
      const size = 11, font = fontOf(size, false);
      const list = network.body.edgeIndices.filter((id) => {
        const edge = network.body.edges[id];
        if (edge.options.hidden || !edge.from || !edge.to || edge.from.options.hidden || edge.to.options.hidden) return false;
        return scale >= EDGE_LABEL_SCALE || selected.has(eid(edge.fromId)) || selected.has(eid(edge.toId));
      });
      const near = (id) => { const edge = network.body.edges[id]; return selected.has(eid(edge.fromId)) || selected.has(eid(edge.toId)) ? 0 : 1; };
      list.sort((a, b) => near(a) - near(b) || (a < b ? -1 : a > b ? 1 : 0));
      for (const id of list) {
        const edge = network.body.edges[id];
        const mid = edge.edgeType.getPoint(0.5);
        const p = network.canvasToDOM(mid);
        const text = KG.pick(EDGE_META[id].labels);
        const w = textWidth(ctx, font, text) + 4, h = size * LINE;
        const box = { x: p.x - w / 2, y: p.y - h / 2, w: w, h: h, owner: "edge:" + id };
        if (!free(box, box.owner)) continue;
        add(box);
        out.push({ kind: "edge", id: id, lines: [text], font: font, size: size, x: box.x, y: box.y, w: w, h: h, color: "#4b5563" });
      }
    }
    return out;
  }
  function drawLabels(ctx) {
    const ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawnLabels = placeLabels(ctx);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (const label of drawnLabels) {
      ctx.font = label.font;
      label.at = [];
      label.lines.forEach((line, i) => {
        const x = label.x + label.w / 2, y = label.y + (i + 0.5) * label.size * LINE;
        label.at.push([x, y]);  // where each line is drawn (centred on it), for the picture and for tests
        ctx.lineWidth = 3;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(line, x, y);
        ctx.fillStyle = label.color;
        ctx.fillText(line, x, y);
      });
    }
    ctx.restore();
  }
  network.on("afterDrawing", drawLabels);
  KG.drawnLabels = () => drawnLabels.map((l) => Object.assign({}, l, { lines: l.lines.slice(), at: l.at.map((p) => p.slice()) }));

  // ------------------------------------------------------------ the picture: the view as it is, with a legend and
  // the sources behind what it shows, as PNG or SVG, so a picture that leaves the page carries its provenance.
  function pictureContent() {
    const W = container.clientWidth, H = container.clientHeight, scale = network.getScale();
    const inView = (p, pad) => p.x >= -pad && p.y >= -pad && p.x <= W + pad && p.y <= H + pad;
    const glyphs = [];
    for (const v of visibleIds()) {
      const n = network.body.nodes[v], p = network.canvasToDOM({ x: n.x, y: n.y });
      if (inView(p, 30)) glyphs.push({ id: eid(v), x: p.x, y: p.y, r: glyphRadius(n.options.size) * scale, color: n.options.color.background });
    }
    const shown = new Set(glyphs.map((g) => g.id));
    const links = [];
    for (const id of network.body.edgeIndices) {
      const edge = network.body.edges[id];
      if (edge.options.hidden || !(shown.has(eid(edge.fromId)) || shown.has(eid(edge.toId)))) continue;
      const a = network.canvasToDOM({ x: edge.from.x, y: edge.from.y }), b = network.canvasToDOM({ x: edge.to.x, y: edge.to.y });
      const via = edge.edgeType._getViaCoordinates ? edge.edgeType._getViaCoordinates() : null;
      const color = edge.options.color && edge.options.color.color ? edge.options.color.color : "#9aa3ad";
      const arrow = edge.options.arrows && edge.options.arrows.to && edge.options.arrows.to.enabled;
      links.push({ id: id, a: a, b: b, via: via && via.x !== undefined ? network.canvasToDOM(via) : null, color: color,
        dashes: Boolean(edge.options.dashes), arrowAt: arrow ? glyphRadius(edge.to.options.size) * scale : null });
    }
    const typeCount = new Map(), sourceCount = new Map();
    for (const g of glyphs) {
      typeCount.set(ENT[g.id].type, (typeCount.get(ENT[g.id].type) || 0) + 1);
      for (const s of ENT[g.id].sources) sourceCount.set(s, (sourceCount.get(s) || 0) + 1);
    }
    for (const link of links) for (const s of EDGE_META[link.id].sources || []) sourceCount.set(s, (sourceCount.get(s) || 0) + 1);
    const legend = [...typeCount.keys()].sort((a, b) => typeCount.get(b) - typeCount.get(a) || KG.typeLabel(a).localeCompare(KG.typeLabel(b)))
      .map((type) => ({ shape: DATA.types[type].shape, color: DATA.types[type].color, text: KG.typeLabel(type) + " (" + typeCount.get(type) + ")" }));
    const sources = [...sourceCount.keys()].filter((s) => DATA.sources[s])
      .sort((a, b) => sourceCount.get(b) - sourceCount.get(a) || KG.entityLabel(a).localeCompare(KG.entityLabel(b)));
    return { W: W, H: H, glyphs: glyphs, links: links, labels: drawnLabels, legend: legend, sources: sources };
  }
  /** A source as a picture cites it: title, publisher or authors, year. */
  function citation(id) {
    const s = DATA.sources[id], title = s.title || KG.pick(s.labels);
    const who = s.publisher || (s.authors ? s.authors.join(", ") : "");
    const quoted = s.type === "CuratorKnowledge" ? title : "“" + (title.length > 70 ? title.slice(0, 69) + "…" : title) + "”";
    return quoted + (who ? " (" + who + (s.date ? ", " + s.date.slice(0, 4) : "") + ")" : "");
  }
  /** The picture's legend and text, laid out under the drawing (in CSS pixels) with a context to measure text. */
  function pictureLayout(content, ctx) {
    const W = Math.max(content.W, 480), PAD = 14, SMALL = "12px " + FACE, BOLD = "600 13px " + FACE;
    const items = [], lines = [];
    let x = PAD, y = content.H + 16;
    for (const row of content.legend) {
      ctx.font = SMALL;
      const w = (WIDE[row.shape] ? 24 : 18) + ctx.measureText(row.text).width + 14;
      if (x + w > W - PAD && x > PAD) { x = PAD; y += 20; }
      items.push(Object.assign({ x: x, y: y }, row));
      x += w;
    }
    y += 28;
    const wrapText = (text, font, indent) => {
      ctx.font = font;
      let line = "";
      for (const word of text.split(" ")) {
        const next = line ? line + " " + word : word;
        if (line && ctx.measureText(next).width > W - 2 * PAD - indent) { lines.push({ text: line, font: font, x: PAD + indent, y: y }); y += 17; line = word; }
        else line = next;
      }
      if (line) { lines.push({ text: line, font: font, x: PAD + indent, y: y }); y += 17; }
    };
    const title = t("title") + (DATA.focus ? " — " + t("neighbourhoodShort")(KG.entityLabel(DATA.focus)) : "");
    wrapText(title, BOLD, 0);
    const cited = content.sources.slice(0, 4).map(citation).join("; ");
    const more = content.sources.length > 4 ? " " + t("pictureMore")(content.sources.length - 4) : "";
    wrapText(t("pictureSources")(content.sources.length) + " " + (cited || t("noSources")) + more, SMALL, 0);
    wrapText(t("pictureCredit"), SMALL, 0);
    return { W: W, H: y + 8, items: items, lines: lines };
  }
  function pictureName(ext) { return "mxsec-" + (DATA.focus ? DATA.focus + "-" : "") + "network." + ext; }
  function download(name, url) {
    const a = el("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function exportPng() {
    const content = pictureContent(), ratio = 2;
    const canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
    const layout = pictureLayout(content, ctx);
    canvas.width = layout.W * ratio;
    canvas.height = layout.H * ratio;
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, layout.W, layout.H);
    ctx.drawImage(network.canvas.frame.canvas, 0, 0, content.W, content.H);
    ctx.strokeStyle = "#e5e7eb";
    ctx.beginPath(); ctx.moveTo(0, content.H + 0.5); ctx.lineTo(layout.W, content.H + 0.5); ctx.stroke();
    ctx.textBaseline = "middle";
    for (const item of layout.items) {
      const gap = WIDE[item.shape] ? 24 : 18;
      glyphPath(ctx, item.shape, item.x + gap / 2 - 2, item.y, 6);
      ctx.fillStyle = item.color; ctx.fill();
      ctx.strokeStyle = "#33333377"; ctx.lineWidth = 1; ctx.stroke();
      ctx.fillStyle = "#1f2937"; ctx.font = "12px " + FACE;
      ctx.fillText(item.text, item.x + gap, item.y);
    }
    for (const line of layout.lines) { ctx.font = line.font; ctx.fillStyle = "#374151"; ctx.fillText(line.text, line.x, line.y); }
    download(pictureName("png"), canvas.toDataURL("image/png"));
  }
  /** The arrowhead of a directed link, as the network draws it: at the edge of the target's glyph, pointing along
   * the link's last stretch (from its bend, or from its start). */
  function arrowHead(link, f) {
    const from = link.via || link.a, dx = link.b.x - from.x, dy = link.b.y - from.y, len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len, size = 8, half = 3.5;
    const tipX = link.b.x - ux * link.arrowAt, tipY = link.b.y - uy * link.arrowAt;
    const baseX = tipX - ux * size, baseY = tipY - uy * size;
    const points = [[tipX, tipY], [baseX - uy * half, baseY + ux * half], [baseX + uy * half, baseY - ux * half]];
    return svgEl("polygon", { points: points.map(([x, y]) => f(x) + "," + f(y)).join(" "), fill: link.color,
      "fill-opacity": 0.85, class: "arrow" });
  }
  function exportSvg() {
    const content = pictureContent();
    const layout = pictureLayout(content, document.createElement("canvas").getContext("2d"));
    const f = (n) => Math.round(n * 10) / 10;
    const svg = svgEl("svg", { xmlns: SVG, width: layout.W, height: layout.H, viewBox: "0 0 " + layout.W + " " + layout.H,
      "font-family": FACE });
    svg.appendChild(svgEl("rect", { x: 0, y: 0, width: layout.W, height: layout.H, fill: "#ffffff" }));
    const drawing = svgEl("g", {});
    for (const link of content.links) {
      const d = "M" + f(link.a.x) + " " + f(link.a.y) + (link.via ? " Q" + f(link.via.x) + " " + f(link.via.y) : " L") + " " + f(link.b.x) + " " + f(link.b.y);
      drawing.appendChild(svgEl("path", Object.assign({ d: d, fill: "none", stroke: link.color, "stroke-width": 1, "stroke-opacity": 0.85 },
        link.dashes ? { "stroke-dasharray": "5 3" } : {})));
      if (link.arrowAt !== null) drawing.appendChild(arrowHead(link, f));
    }
    for (const g of content.glyphs) drawing.appendChild(glyphSvg(SHAPE[g.id], g.x, g.y, g.r, g.color));
    for (const label of content.labels) {
      const text = svgEl("text", { "text-anchor": "middle", "font-size": label.size, "font-weight": /^600 /.test(label.font) ? 600 : 400,
        fill: label.color, stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round" });
      label.lines.forEach((line, i) => text.appendChild(svgEl("tspan", { x: f(label.x + label.w / 2), y: f(label.y + (i + 0.5) * label.size * LINE), "dominant-baseline": "central" }, line)));
      drawing.appendChild(text);
    }
    const clip = svgEl("clipPath", { id: "view" });
    clip.appendChild(svgEl("rect", { x: 0, y: 0, width: content.W, height: content.H }));
    svg.appendChild(clip);
    drawing.setAttribute("clip-path", "url(#view)");
    svg.appendChild(drawing);
    svg.appendChild(svgEl("line", { x1: 0, x2: layout.W, y1: content.H + 0.5, y2: content.H + 0.5, stroke: "#e5e7eb" }));
    for (const item of layout.items) {
      const gap = WIDE[item.shape] ? 24 : 18;
      svg.appendChild(glyphSvg(item.shape, item.x + gap / 2 - 2, item.y, 6, item.color));
      svg.appendChild(svgEl("text", { x: f(item.x + gap), y: f(item.y), "font-size": 12, fill: "#1f2937", "dominant-baseline": "central" }, item.text));
    }
    for (const line of layout.lines) {
      svg.appendChild(svgEl("text", { x: f(line.x), y: f(line.y), "font-size": /13px/.test(line.font) ? 13 : 12,
        "font-weight": /^600 /.test(line.font) ? 600 : 400, fill: "#374151", "dominant-baseline": "central" }, line.text));
    }
    const xml = new XMLSerializer().serializeToString(svg);
    download(pictureName("svg"), "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml));
  }
  const exportButton = document.getElementById("export"), exportMenu = document.getElementById("export-menu");
  const closeExportMenu = () => { exportMenu.hidden = true; exportButton.setAttribute("aria-expanded", "false"); };
  exportButton.addEventListener("click", () => {
    exportMenu.hidden = !exportMenu.hidden;
    exportButton.setAttribute("aria-expanded", exportMenu.hidden ? "false" : "true");
  });
  document.getElementById("export-png").addEventListener("click", () => { closeExportMenu(); exportPng(); });
  document.getElementById("export-svg").addEventListener("click", () => { closeExportMenu(); exportSvg(); });
  KG.closeExportMenu = closeExportMenu;

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

  // ------------------------------------------------------------ the camera
  const visibleIds = () => network.body.nodeIndices.filter((v) => !network.body.nodes[v].options.hidden);
  /** Centre on one node, at the largest zoom (up to `most`) at which every drawn node is in the canvas. */
  function fitAround(id, most, animate) {
    const W = container.clientWidth, H = container.clientHeight, MARGIN = 40;
    const centre = network.getPositions([vid(id)])[vid(id)];
    let scale = most;
    for (const v of visibleIds()) {
      const n = network.body.nodes[v];
      const dx = Math.abs(n.x - centre.x), dy = Math.abs(n.y - centre.y);
      if (dx > 0) scale = Math.min(scale, (W / 2 - MARGIN) / dx);
      if (dy > 0) scale = Math.min(scale, (H / 2 - MARGIN) / dy);
    }
    network.moveTo({ position: centre, scale: Math.max(scale, 0.05), animation: animate ? { duration: 300 } : false });
  }
  /** The first view: the whole drawing (labels stay readable at any zoom: those with room are drawn); a focus view
      centres its entity. A large precomputed drawing opens on its busiest part at a readable zoom. */
  function firstView() {
    if (DATA.focus && nodes.get(vid(DATA.focus))) { fitAround(DATA.focus, 1.2, false); return; }
    if (!DATA.precomputed) { network.fit({ nodes: visibleIds(), animation: false }); return; }
    let best = null, bestDegree = -1;
    for (const v of network.body.nodeIndices) {
      const d = degree[eid(v)] || 0;
      if (d > bestDegree) { best = v; bestDegree = d; }
    }
    if (best) network.moveTo({ position: network.getPositions([best])[best], scale: 0.7, animation: false });
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
    if (state.showHubs) placeHubs();  // a link that shows the hubs: above the drawing, as the checkbox puts them
    firstView();
    document.body.dataset.layout = "stable";
    performance.mark("kg:stable");
    KG.emit("stable");
    if (pendingFocus) { const id = pendingFocus; pendingFocus = null; focusNode(id, pendingKeep); }
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

  // The canvas follows its box: after the entity page opens or closes, or the window turns, the same point of the
  // drawing stays in the middle, and "Fit view" fits what is visible now, not the old size.
  let canvasSize = [container.clientWidth, container.clientHeight];
  const resize = () => {
    const size = [container.clientWidth, container.clientHeight];
    if (size[0] === canvasSize[0] && size[1] === canvasSize[1]) return;
    canvasSize = size;
    const centre = network.getViewPosition(), scale = network.getScale();
    network.setSize("100%", "100%");
    network.moveTo({ position: centre, scale: scale, animation: false });
  };
  new ResizeObserver(resize).observe(container);
  KG.fitNetwork = function () {
    resize();
    if (DATA.focus && nodes.get(vid(DATA.focus)) && !nodes.get(vid(DATA.focus)).hidden) fitAround(DATA.focus, 1.2, true);
    else network.fit({ nodes: visibleIds(), animation: { duration: 300 } });
  };

  // ------------------------------------------------------------ hubs: out of the layout, beside it on request
  function placeHubs() {
    const ids = network.body.nodeIndices.filter((v) => !HUBS.has(eid(v)));
    if (!ids.length) return;
    const pos = network.getPositions(ids);
    let minX = Infinity, minY = Infinity, maxX = -Infinity;
    for (const v of ids) { minX = Math.min(minX, pos[v].x); maxX = Math.max(maxX, pos[v].x); minY = Math.min(minY, pos[v].y); }
    let i = 0;
    for (const id of DATA.hubs) {
      network.moveNode(vid(id), minX + (maxX - minX) * ((i + 1) / (DATA.hubs.length + 1)), minY - 160);
      i++;
    }
  }

  // ------------------------------------------------------------ filters
  const nodeHidden = KG.dict(), edgeHidden = KG.dict();
  for (const n of DATA.nodes) nodeHidden[n.id] = Boolean(n.hidden);
  for (const e of DATA.edges) edgeHidden[e.id] = Boolean(e.hidden);
  function applyFilters() {
    const source = state.source;
    const base = (id) => KG.typeShown(ENT[id].type) && (!ENT[id].dates || KG.overlaps(ENT[id].dates)) &&
      (state.showHubs || !HUBS.has(id)) && KG.knownOn(id);
    // A year stepped through (time.js): only the relations in force that year, and the entities they link or that
    // existed that year.
    const year = KG.yearShown(), inYear = new Set();
    const edgeOk = KG.dict(), anchored = new Set(), linked = new Set();
    for (const e of DATA.edges) {
      const meta = EDGE_META[e.id];
      const ok = base(e.from) && base(e.to) && (!meta.dates || KG.overlaps(meta.dates)) &&
        (!source || (meta.sources || []).includes(source)) && KG.edgeKnownOn(e.id) &&
        (year === null || KG.edgeInYear(e.id, year) !== null);
      edgeOk[e.id] = ok;
      if (!ok) continue;
      if (year !== null) { inYear.add(e.from); inYear.add(e.to); }
      if (meta.dates || ENT[e.from].dates) anchored.add(e.to);
      if (meta.dates || ENT[e.to].dates) anchored.add(e.from);
      if (!meta.hub) { linked.add(e.from); linked.add(e.to); }
    }
    const visible = KG.dict(), nodeChanges = [];
    for (const n of DATA.nodes) {
      const d = ENT[n.id];
      const show = base(n.id) && (!state.period || Boolean(d.dates) || anchored.has(n.id)) &&
        (!source || d.sources.includes(source) || linked.has(n.id)) &&
        (year === null || inYear.has(n.id) || KG.entityInYear(n.id, year));
      visible[n.id] = show;
      if (nodeHidden[n.id] === show) { nodeHidden[n.id] = !show; nodeChanges.push({ id: vid(n.id), hidden: !show }); }
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
  /** Select and centre an entity; one the filters hide is shown by clearing them (showing the hubs, for a hub),
      unless `keepFilters` (a link that names the filters as well: they are kept, and nothing is centred). */
  function focusNode(id, keepFilters) {
    if (!ENT[id] || nodeHidden[id] === undefined) return false;
    if (!net.stable) { pendingFocus = id; pendingKeep = Boolean(keepFilters); return true; }
    let note = false;
    if (nodeHidden[id] && keepFilters) return false;
    if (nodeHidden[id]) {
      if (HUBS.has(id) && !state.showHubs) { KG.setShowHubs(true); } else { KG.clearFilters(); note = true; }
    }
    resize();  // the entity page may just have opened beside the canvas: centre in the canvas as it is now
    network.selectNodes([vid(id)]);
    network.focus(vid(id), { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    if (note) say("hiddenByFilters");
    return true;
  }
  KG.focusNode = focusNode;

  network.on("click", (params) => {
    if (params.nodes.length) KG.go(KG.entityHref(eid(params.nodes[0])));
    else if (params.edges.length) KG.showEdge(params.edges[0]);
    else if (KG.panelOpen()) { KG.closePanel(); KG.writeUrl(); }
  });

  function language() {
    nodes.update(DATA.nodes.map((n) => ({ id: vid(n.id), title: undefined })));
    edges.update(DATA.edges.map((e) => ({ id: e.id, title: undefined })));
    updatePhysicsButton();
    updateCounts();
    if (said) say(said[0], ...said[1]);
    network.redraw();
  }
  // Drawn by vis-network as soon as the page opens; kept up to date behind the other views.
  KG.registerView("network", { filters: applyFilters, language: language, fit: () => KG.fitNetwork() });

  /** For tests and the browser console: the drawing in entity ids. */
  KG.networkApi = {
    network: network, nodes: nodes, edges: edges, nodeHidden: nodeHidden, edgeHidden: edgeHidden, vid: vid,
    drawnNodeIds: () => network.body.nodeIndices.map(eid),
    drawnEdgeIds: () => network.body.edgeIndices.slice(),
    selectedNodes: () => network.getSelectedNodes().map(eid),
    positions: (ids) => {
      const pos = network.getPositions((ids || DATA.nodes.map((n) => n.id)).map(vid)), out = KG.dict();
      for (const v of Object.keys(pos)) out[eid(v)] = pos[v];
      return out;
    },
    nodeOptions: (id) => network.body.nodes[vid(id)].options,
    labels: KG.drawnLabels,
  };
})();
