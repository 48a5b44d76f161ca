/* The search page: builds a Lunr index (English and Spanish stemming) from window.KG_SEARCH, folds the query as the
   data was folded (accents and case aside), and lists the matching entities with links to their pages. Every text
   from the data is put into the page with textContent. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status || !window.lunr || !window.KG_SEARCH) return;
  var LIMIT = 100;
  var lang = list.getAttribute("data-lang");
  var root = list.getAttribute("data-root");
  var page = list.getAttribute("data-page");
  var data = window.KG_SEARCH;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  var index = null;
  function build() {
    var docs = data.docs;
    index = window.lunr(function () {
      this.use(window.lunr.multiLanguage("en", "es"));
      this.ref("i");
      this.field("l", { boost: 20 });
      this.field("n", { boost: 8 });
      this.field("d");
      for (var i = 0; i < docs.length; i++) this.add({ i: String(i), l: docs[i][4], n: docs[i][5].join(" "), d: docs[i][6] });
    });
  }

  /** How well a document's names match the whole query: its label exactly, one of its names exactly, or neither. */
  function exactness(doc, folded) {
    if (fold(doc[2]) === folded || fold(doc[3]) === folded) return 2;
    return doc[5].indexOf(folded) >= 0 ? 1 : 0;
  }

  function search(query) {
    var folded = fold(query);
    var terms = folded.split(/\s+/).filter(function (t) { return t.length > 0; });
    if (!terms.length) return [];
    var hits = index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, { boost: 10 });
        if (term.length >= 3) {
          q.term(term, { usePipeline: false, wildcard: window.lunr.Query.wildcard.TRAILING, boost: 2 });
        }
      });
    });
    // Lunr ranks by term statistics; a name that is the query itself goes first ("Culiacán" before "Battle of
    // Culiacán"), otherwise Lunr's order stands (the sort is stable).
    hits.forEach(function (hit, k) { hit.exact = exactness(data.docs[Number(hit.ref)], folded); hit.k = k; });
    return hits.sort(function (a, b) { return (b.exact - a.exact) || (a.k - b.k); });
  }

  function show(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!fold(query)) { status.textContent = ""; return; }
    var hits = search(query);
    status.textContent = hits.length
      ? status.getAttribute("data-count").replace("{n}", hits.length.toLocaleString("en"))
      : status.getAttribute("data-none");
    hits.slice(0, LIMIT).forEach(function (hit) {
      var doc = data.docs[Number(hit.ref)];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + "id/" + encodeURIComponent(doc[0]) + "/" + page;
      a.textContent = lang === "es" ? doc[3] : doc[2];
      li.appendChild(a);
      var type = document.createElement("span");
      type.className = "muted";
      type.textContent = " " + data.types[doc[1]][lang === "es" ? 1 : 0];
      li.appendChild(type);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  status.textContent = status.getAttribute("data-loading");
  window.setTimeout(function () {
    build();
    document.body.setAttribute("data-search", "ready");
    show(input.value);
  }, 0);

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { if (index) show(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!index) return;
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    try { window.history.replaceState(null, "", url.toString()); } catch (e) { /* some file:// browsers refuse */ }
    show(input.value);
  });
})();
