/* Every text the page writes, in one table: English and Spanish, the same keys in both (a test checks), plain strings
   or functions of the numbers and names they put in. Text from the data (names, descriptions, notes) is not here:
   it comes with the data, in both languages where the curators gave both. */
(function () {
  "use strict";
  const KG = window.KG;
  KG.UI = {
    en: {
      title: "Mexico security knowledge graph", search: "Find an entity by name…", fit: "Fit view",
      resume: "Resume layout", freeze: "Freeze layout", filters: "Filters",
      types: "Types", all: "All", none: "None", period: "Period", from: "From", to: "To", clearPeriod: "Clear period",
      periodHint: "When it happened. Applies to every view: YYYY, YYYY-MM or YYYY-MM-DD; either end may stay empty.",
      asOf: "As known on", asOfDay: "Day", asOfClear: "Show everything recorded",
      asOfHint: "When it was published, not when it happened: only what sources had published by this day (YYYY-MM-DD; " +
        "a month or a year means its last day). Curator knowledge and undated sources stay only as context of what " +
        "the dated sources had named.",
      showingAll: (last) => "Showing everything recorded (sources published up to " + last + ").",
      showingAsOf: (day) => "Showing the record as known on " + day + ": only what sources had published by then.",
      builtAsOf: (day) => "This page was drawn as known on " + day + " (kg viz --as-of): later sources are not in it.",
      release: (version, date) => "Graph version " + version + " of " + date + ".",
      knownLater: (n, day) => n + (n === 1 ? " statement" : " statements") + " published after " + day + " not shown.",
      sourcesThen: (n, day) => n + (n === 1 ? " source" : " sources") + " published by " + day,
      notKnownYet: (day, first) => "Not in the record as known on " + day + ": " +
        (first ? "the first source naming it was published on " + first + "." : "no dated source names it."),
      bannerAsOf: (day) => "As known on " + day + " (when published, not when it happened)",
      bannerPeriod: (from, to) => "Happened " + (from <= "0000-01-01" ? "until " + to : to >= "9999-12-31" ? "from " + from : from + " – " + to),
      bannerYear: (year) => "Network: relations in force in " + year,
      yearPrev: "Previous year", yearNext: "Next year", yearPlay: "Play", yearPause: "Pause", yearAll: "All years",
      yearHint: "Step through the years: the relations in force each year.",
      yearStatus: (year, n, unsure) => n + (n === 1 ? " relation" : " relations") + " in force in " + year +
        (unsure ? " (" + unsure + " known only to the year: dotted)" : "") + "; undated ones hidden.",
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
      disagreeSame: (v) => "The same source also gives " + v + " for this",
      sourceSaid: "What the source said (a source error: not evidence)",
      openSource: "open the source", archivedCopy: "archived copy", correctionFrom: "Where the correction comes from",
      curatorToo: "and curator knowledge (not counted)",
      events: "Events", neighbours: "Neighbours", onTimeline: "Show on the timeline", onMap: "Show on the map",
      entityPage: "Its page",
      million: "million", between: "between", fromDate: "from", untilDate: "until", unknownEnd: "end unknown",
      timelineHint: (n) => n + " dated events, each case (or type of event) in a panel with its own dates. Drag to " +
        "pan, scroll or pinch to zoom; click (on a phone, tap twice) for the event's page.",
      markDay: "a day", markSpan: "a span from start to end",
      markUncertain: "known only to the month or year, or between two bounds: some time in there",
      caseLabel: "case",
      noEvents: "No dated event passes the filters.",
      mapHint: (n, m) => n + (n === 1 ? " place" : " places") + " with coordinates, in their type's colour and glyph; " +
        "events beside their place, incidents sized by deaths; places too close to tell apart are one mark with a " +
        "count (click it to zoom in). States with entities in the graph are shaded. " +
        (m === 1 ? "1 place has" : m + " places have") + " no coordinates: listed below, not guessed.",
      mapEventsOf: (name, n) => name + " has no coordinates of its own: " + (n === 1 ? "its event is" : "its " + n +
        " events are") + " outlined.",
      mapNearest: (name, place, path) => name + " has no coordinates in the graph (nothing is guessed); the nearest " +
        "mapped place is " + place + " (" + name + " → " + path + "), outlined.",
      mapNothing: (name) => name + " has no coordinates in the graph and no mapped place it is linked to.",
      clusterKey: "places too close to tell apart, with how many marks they hold",
      clusterHover: (n, names) => n + " marks: " + names + " (click to zoom in)",
      tollKey: "incident marks are sized by deaths",
      unlocated: "Places without coordinates", eventsHere: (n) => n + (n === 1 ? " event" : " events"),
      killed: (n) => n + " killed", place: "Place", range: (a, b) => a + " to " + b,
      sourcesDisagree: "sources disagree", englishOnly: "in English in the sources",
      bounds: { "at-least": (s) => "at least " + s, "at-most": (s) => "at most " + s, about: (s) => "about " + s },
      dayUnknown: "day unknown", monthUnknown: "month and day unknown", incidentMark: "Incident (size: deaths)", eventMark: "Other event",
      chartsHint: "Each indicator by period, the series with the most figures first, every source's figure side by " +
        "side. Hover (on a phone, tap once) for the details; click (tap again) for the observation.",
      rankOf: (n, total) => n + " of " + total, rankUnit: "rank (1 = best)", rankAxis: "rank (1 = best)",
      hatchedKey: "hatched: not a final count (a projection, a preliminary figure, an estimate: named on the bar)",
      boundKey: "≥ at least (the bar fades past the figure), ≤ at most, ~ about",
      rankKey: "a rank: better is up", noProducer: "producer not named",
      onlyIn: { en: "in English only", es: "in Spanish only" },
      noCharts: "No indicator observation passes the filters.",
      producer: "Produced by", reportedBy: "Reported by", status: "Status", value: "Value", periodLabel: "Period",
      group: "Group", caseOr: "Case or type", drawing: "Drawing…", datePlaceholder: "YYYY",
      notFound: "Not found", notFoundText: (id) => "No entity of this graph has the id “" + id + "”.",
      exportPicture: "Export", exportPng: "Picture (PNG)", exportSvg: "Picture (SVG)",
      neighbourhoodShort: (label) => "neighbourhood of " + label,
      pictureSources: (n) => (n === 1 ? "Source of what is drawn:" : "Sources of what is drawn (" + n + "):"),
      pictureMore: (n) => "and " + n + " more",
      pictureCredit: "Mexico security knowledge graph: every link is a statement cited to its source; open the " +
        "explorer for each one's passage.",
      plotly: {},
    },
    es: {
      title: "Grafo de conocimiento de la seguridad en México", search: "Buscar una entidad por nombre…",
      fit: "Ajustar vista", resume: "Reanudar acomodo", freeze: "Congelar acomodo", filters: "Filtros",
      types: "Tipos", all: "Todos", none: "Ninguno", period: "Periodo", from: "Desde", to: "Hasta",
      clearPeriod: "Quitar periodo",
      periodHint: "Cuándo ocurrió. Se aplica a todas las vistas: AAAA, AAAA-MM o AAAA-MM-DD; cualquier extremo puede quedar vacío.",
      asOf: "Según lo publicado al", asOfDay: "Día", asOfClear: "Mostrar todo lo registrado",
      asOfHint: "Cuándo se publicó, no cuándo ocurrió: solo lo que las fuentes habían publicado hasta ese día " +
        "(AAAA-MM-DD; un mes o un año significa su último día). El conocimiento de los curadores y las fuentes sin fecha " +
        "quedan solo como contexto de lo que las fuentes fechadas habían nombrado.",
      showingAll: (last) => "Se muestra todo lo registrado (fuentes publicadas hasta " + last + ").",
      showingAsOf: (day) => "Se muestra lo conocido al " + day + ": solo lo que las fuentes habían publicado hasta entonces.",
      builtAsOf: (day) => "Esta página se generó según lo conocido al " + day + " (kg viz --as-of): no contiene fuentes posteriores.",
      release: (version, date) => "Versión del grafo " + version + " del " + date + ".",
      knownLater: (n, day) => n + (n === 1 ? " afirmación publicada" : " afirmaciones publicadas") + " después del " + day + " no se muestran.",
      sourcesThen: (n, day) => n + (n === 1 ? " fuente publicada" : " fuentes publicadas") + " al " + day,
      notKnownYet: (day, first) => "No figura en lo conocido al " + day + ": " +
        (first ? "la primera fuente que lo nombra se publicó el " + first + "." : "ninguna fuente fechada lo nombra."),
      bannerAsOf: (day) => "Según lo publicado al " + day + " (cuándo se publicó, no cuándo ocurrió)",
      bannerPeriod: (from, to) => "Ocurrido " + (from <= "0000-01-01" ? "hasta " + to : to >= "9999-12-31" ? "desde " + from : from + " – " + to),
      bannerYear: (year) => "Red: relaciones vigentes en " + year,
      yearPrev: "Año anterior", yearNext: "Año siguiente", yearPlay: "Reproducir", yearPause: "Pausa", yearAll: "Todos los años",
      yearHint: "Recorra los años: las relaciones vigentes cada año.",
      yearStatus: (year, n, unsure) => n + (n === 1 ? " relación vigente" : " relaciones vigentes") + " en " + year +
        (unsure ? " (" + unsure + " conocidas solo por el año: punteadas)" : "") + "; las sin fecha, ocultas.",
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
      disagreeSame: (v) => "La misma fuente da también " + v + " para esto",
      sourceSaid: "Lo que dijo la fuente (un error de la fuente: no es evidencia)",
      openSource: "abrir la fuente", archivedCopy: "copia archivada",
      correctionFrom: "De dónde viene la corrección", curatorToo: "y conocimiento de los curadores (no se cuenta)",
      events: "Eventos", neighbours: "Vecinos", onTimeline: "Ver en la cronología", onMap: "Ver en el mapa",
      entityPage: "Su página",
      million: "millones", between: "entre", fromDate: "desde", untilDate: "hasta", unknownEnd: "fin desconocido",
      timelineHint: (n) => n + " eventos fechados, cada caso (o tipo de evento) en un panel con sus propias fechas. " +
        "Arrastre para desplazar, use la rueda o pellizque para acercar; haga clic (en un teléfono, toque dos " +
        "veces) para ver el evento.",
      markDay: "un día", markSpan: "un lapso de inicio a fin",
      markUncertain: "conocido solo por el mes o el año, o entre dos límites: en algún momento de ese lapso",
      caseLabel: "caso",
      noEvents: "Ningún evento fechado pasa los filtros.",
      mapHint: (n, m) => n + (n === 1 ? " lugar" : " lugares") + " con coordenadas, con el color y el símbolo de su " +
        "tipo; los eventos junto a su lugar, los incidentes según el número de muertos; los lugares demasiado " +
        "cercanos para distinguirlos son una sola marca con un número (haga clic para acercar). Los estados con " +
        "entidades en el grafo están sombreados. " + (m === 1 ? "1 lugar no tiene" : m + " lugares no tienen") +
        " coordenadas: se listan abajo, sin adivinar su posición.",
      mapEventsOf: (name, n) => name + " no tiene coordenadas propias: " + (n === 1 ? "su evento está resaltado." :
        "sus " + n + " eventos están resaltados."),
      mapNearest: (name, place, path) => name + " no tiene coordenadas en el grafo (no se adivinan); el lugar " +
        "mapeado más cercano es " + place + " (" + name + " → " + path + "), resaltado.",
      mapNothing: (name) => name + " no tiene coordenadas en el grafo ni un lugar mapeado con el que esté vinculado.",
      clusterKey: "lugares demasiado cercanos para distinguirlos, con cuántas marcas reúnen",
      clusterHover: (n, names) => n + " marcas: " + names + " (haga clic para acercar)",
      tollKey: "las marcas de incidentes, según el número de muertos",
      unlocated: "Lugares sin coordenadas", eventsHere: (n) => n + (n === 1 ? " evento" : " eventos"),
      killed: (n) => n + " muertos", place: "Lugar", range: (a, b) => "de " + a + " a " + b,
      sourcesDisagree: "las fuentes discrepan", englishOnly: "en inglés en las fuentes",
      bounds: { "at-least": (s) => "al menos " + s, "at-most": (s) => "como mucho " + s, about: (s) => "alrededor de " + s },
      dayUnknown: "día desconocido", monthUnknown: "mes y día desconocidos", incidentMark: "Incidente (tamaño: muertos)",
      eventMark: "Otro evento",
      chartsHint: "Cada indicador por periodo, primero las series con más cifras, la cifra de cada fuente lado a " +
        "lado. Pase el cursor (en un teléfono, toque una vez) para ver los detalles; haga clic (toque otra vez) para " +
        "ver la observación.",
      rankOf: (n, total) => n + " de " + total, rankUnit: "posición (1 = la mejor)", rankAxis: "posición (1 = la mejor)",
      hatchedKey: "rayado: no es una cifra definitiva (una proyección, una cifra preliminar, una estimación: se nombra en la barra)",
      boundKey: "≥ al menos (la barra se desvanece más allá de la cifra), ≤ como mucho, ~ alrededor de",
      rankKey: "una posición: mejor es más arriba", noProducer: "productor no indicado",
      onlyIn: { en: "solo en inglés", es: "solo en español" },
      noCharts: "Ninguna observación de indicador pasa los filtros.",
      producer: "Producido por", reportedBy: "Reportado por", status: "Estado", value: "Valor",
      periodLabel: "Periodo", group: "Grupo", caseOr: "Caso o tipo", drawing: "Dibujando…", datePlaceholder: "AAAA",
      notFound: "No encontrado", notFoundText: (id) => "Ninguna entidad de este grafo tiene el id «" + id + "».",
      exportPicture: "Exportar", exportPng: "Imagen (PNG)", exportSvg: "Imagen (SVG)",
      neighbourhoodShort: (label) => "vecindario de " + label,
      pictureSources: (n) => (n === 1 ? "Fuente de lo dibujado:" : "Fuentes de lo dibujado (" + n + "):"),
      pictureMore: (n) => "y " + n + " más",
      pictureCredit: "Grafo de conocimiento de la seguridad en México: cada vínculo es una afirmación citada a su " +
        "fuente; el explorador muestra el pasaje de cada una.",
      // plotly.js's own texts (its toolbar and messages), keyed by their English wording.
      plotly: {
        "Autoscale": "Autoescalar", "Download plot": "Descargar gráfica", "Download plot as a PNG": "Descargar la gráfica como PNG",
        "Pan": "Desplazar", "Reset axes": "Restablecer ejes", "Reset view": "Restablecer vista", "Reset": "Restablecer",
        "Zoom": "Zoom", "Zoom in": "Acercar", "Zoom out": "Alejar", "Toggle Spike Lines": "Mostrar u ocultar guías",
        "Show closest data on hover": "Mostrar el dato más cercano al pasar el cursor",
        "Compare data on hover": "Comparar datos al pasar el cursor",
        "Toggle show closest data on hover": "Mostrar u ocultar el dato más cercano",
        "Image download succeeded": "Imagen descargada",
        "Preparing image - this may take a few seconds": "Preparando la imagen; puede tardar unos segundos",
        "Sorry, there was a problem downloading your image!": "No se pudo descargar la imagen.",
        "Double-click to zoom back out": "Doble clic para alejar",
        "Double-click on legend to isolate one trace": "Doble clic en la leyenda para aislar una serie",
      },
    },
  };
})();
