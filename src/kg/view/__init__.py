"""Beside outputs, view: takes the Model, the vocabulary and the NetworkX projection; gives one self-contained,
offline HTML page (the explorer), rendered through the project's templates with vis-network and plotly.js inlined.

One Python module per script of the page: `network` (network.js), `entities` (entities.js, the entity pages),
`timeline` (timeline.js), `places` (places.js, the map), `charts` (charts.js), what they share in `common` (as
core.js), and `page`, which assembles the data and the HTML (app.js and view.html start and frame the page)."""
