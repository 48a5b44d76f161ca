"""Building the static site into a folder, all or nothing: every file is written into a staging folder beside the
target, page by page as it is made (never the whole site in memory), and swapped in at once by the exports' own
mechanism (kg.outputs.export_set.replace_folder), so a failed or killed build leaves the previous site as it was.

The same model gives the same bytes: pages are made in id order, nothing reads the clock, and the "data as of" date
is the latest publication date among the sources.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..compile.compiler import CompiledGraph
from ..core.memory import paused_gc
from ..core.model import Model
from ..load.vocabulary import Vocabulary
from ..outputs.export_set import replace_folder
from ..outputs.formats import EXPORT_NAME, ExportInputs, build_formats
from ..outputs.output_files import check_owned_folder, folder_mark
from . import paths, search, strings, svg_map
from .entity_page import EntityPages
from .entity_rdf import EntityTriples
from .graph_index import GraphIndex
from .history import SiteHistory
from .indexes import IndexPages, Page, QueryExample

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
MARK = ".kg-site"  # kg's mark in a site folder it wrote (kg.outputs.output_files.check_owned_folder)
WHAT = "static site"
SITEMAP_LIMIT = 50_000  # addresses per sitemap file (the sitemaps.org limit)
PARALLEL_FROM = 2_000  # entities from which a second process writes half of the entity folders
REPORT_EVERY = 100  # entities between two progress reports
_MEDIA = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}

Progress = Callable[[int, int], None]  # (entities done, entities in all)


@dataclass
class SiteInputs:
    """What a site is made from: the checked model and vocabulary, the compiled graph (for the dumps and every
    entity's triples), the explorer's page if it ships inside (made by `kg viz`'s code, given here as text), the
    named SPARQL questions, and the address the site will be published at (for the sitemap and canonical links)."""

    model: Model
    vocab: Vocabulary
    compiled: CompiledGraph
    explorer_html: str | None = None
    queries: Sequence[QueryExample] = ()
    base_url: str = paths.DEFAULT_BASE_URL
    served_path: str | None = None  # the path the site is served under (its 404 page's links); the base URL's path
    history: SiteHistory | None = None  # every entity's history (kg.site.history.read_history); None: no section


@dataclass
class SiteSummary:
    files: int
    pages: int
    entities: int
    bytes: int


class _Writer:
    """Writes files into the staging folder, making folders as needed, and counts what it wrote."""

    def __init__(self, staging: Path):
        self.staging = staging
        self.names: list[str] = []
        self.bytes = 0
        self.pages = 0
        self._folders: set[str] = set()

    def write(self, name: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        folder = name.rpartition("/")[0]
        if folder and folder not in self._folders:
            (self.staging / folder).mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        with open(self.staging / name, "wb") as out:
            out.write(data)
        self.names.append(name)
        self.bytes += len(data)
        if name.endswith(".html"):
            self.pages += 1


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True, trim_blocks=False)
    env.globals["n"] = strings.number_text
    env.filters["capfirst"] = strings.capfirst
    return env


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class SiteBuilder:
    def __init__(self, inputs: SiteInputs, workers: int = 2):
        self.inputs = inputs
        self.workers = workers
        self.ix = GraphIndex(inputs.model, inputs.vocab)
        self.entity_pages = EntityPages(self.ix, explorer=inputs.explorer_html is not None, history=inputs.history)
        self.index_pages = IndexPages(self.ix, self.entity_pages)
        self.env = _environment()
        self.as_of = self.index_pages.data_as_of()
        compiled = inputs.compiled
        self.stats = {"statements": compiled.statements, "cited": compiled.cited_statements,
                      "located": compiled.located_statements}
        self._templates = {}
        self._strings = {lang: {key: texts[lang] for key, texts in strings.STRINGS.items()} for lang in paths.LANGS}

    def _template(self, name: str):
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(name)
        return template

    def render(self, template: str, data: dict) -> str:
        lang = data["lang"]
        context = {
            "t": lambda key, **values: strings.text(key, lang, **values),
            "s": self._strings[lang],
            "page_file": paths.page_file(lang),
            "has_explorer": self.inputs.explorer_html is not None,
            "data_as_of": strings.date_text(self.as_of, lang) if self.as_of else strings.text("undated", lang),
            "canonical": paths.absolute(self.inputs.base_url, data.get("path", "")),
            **data,
        }
        return self._template(template).render(context)

    def write_page(self, out: _Writer, page: Page) -> None:
        out.write(page.path, self.render(page.template, {"path": page.path, **page.data}))

    # ------------------------------------------------------------------ the parts

    def write_assets(self, out: _Writer) -> None:
        out.write(f"{paths.ASSETS}/site.css", (STATIC / "site.css").read_bytes())
        for name, source in search.lunr_sources().items():
            out.write(f"{paths.ASSETS}/{name}", source.read_bytes())
        out.write(f"{paths.ASSETS}/{search.PAGE_SCRIPT}", (STATIC / search.PAGE_SCRIPT).read_bytes())
        out.write(f"{paths.ASSETS}/{search.DATA_FILE}", search.search_data(self.inputs.model, self.inputs.vocab))
        out.write(f"{paths.ASSETS}/mexico.svg", svg_map.base_map(self.ix.outlines))

    def write_dumps(self, out: _Writer) -> list[dict]:
        """The whole graph in the build's formats (Turtle, N-Triples, JSON-LD), by the exports' own writers."""
        dumps = []
        inputs = ExportInputs(self.inputs.model, self.inputs.vocab, self.inputs.compiled)
        for fmt in build_formats():
            for name, chunks in fmt.render(inputs).items():
                target = out.staging / paths.DUMPS / name
                target.parent.mkdir(parents=True, exist_ok=True)
                size = 0
                with open(target, "wb") as f:
                    for chunk in chunks:
                        f.write(chunk)
                        size += len(chunk)
                out.names.append(f"{paths.DUMPS}/{name}")
                out.bytes += size
                extension = name.rpartition(".")[2]
                dumps.append({"name": name, "label": name, "size": _size(size),
                              "type": _MEDIA.get(extension, "application/octet-stream"),
                              "path": f"{paths.DUMPS}/{name}"})
        return dumps

    def write_entity(self, out: _Writer, triples: EntityTriples, entity_id: str) -> None:
        """The entity's folder: its Turtle, its JSON-LD, and its page in each language (the JSON-LD embedded)."""
        out.write(paths.entity_rdf_path(entity_id, "ttl"), triples.turtle_of(entity_id))
        jsonld = triples.jsonld_of(entity_id).decode("utf-8")
        out.write(paths.entity_rdf_path(entity_id, "jsonld"), jsonld)
        for lang in paths.LANGS:
            data = self.entity_pages.context(entity_id, lang, jsonld)
            out.write(data["path"], self.render("entity.html", data))

    def write_entities(self, out: _Writer, progress: Progress | None) -> None:
        """Every entity's folder. On a large graph a second process (forked, so it shares everything made so far
        without copying it) writes every other entity: two cores, about half the time."""
        triples = EntityTriples(self.inputs.compiled)
        dump = out.staging / paths.DUMPS
        cut = triples.attach_dumps(dump / f"{EXPORT_NAME}.ttl", dump / f"{EXPORT_NAME}.jsonld")
        if cut:  # every entity's triples come from the dumps now: the compiled lines are no longer needed
            triples.release_lines()
            self.inputs.compiled = None
        ids = self.ix.ids
        (out.staging / paths.ENTITY_DIR).mkdir(exist_ok=True)
        try:
            if cut and self.workers > 1 and len(ids) >= PARALLEL_FROM and hasattr(os, "fork"):
                self._write_in_two(out, triples, ids, progress)
            else:
                for done, entity_id in enumerate(ids, start=1):
                    self.write_entity(out, triples, entity_id)
                    if progress is not None:
                        progress(done, len(ids))
        finally:
            triples.close()

    def _write_in_two(self, out: _Writer, triples: EntityTriples, ids: list[str], progress: Progress | None) -> None:
        """Write the even-numbered entities here and the odd-numbered ones in a forked child, which reports its
        progress on a pipe; if either fails, the build fails (and the staging folder is discarded)."""
        mine, theirs = ids[0::2], ids[1::2]
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: write its share, say how far it got, never return into the parent's code
            status = 1
            try:
                os.close(read_end)
                _die_with_parent()
                child = _Writer(out.staging)
                child._folders = set(out._folders)
                for done, entity_id in enumerate(theirs, start=1):
                    self.write_entity(child, triples, entity_id)
                    if done % REPORT_EVERY == 0 or done == len(theirs):
                        os.write(write_end, f"{done}\n".encode())
                os.write(write_end, f"ok {child.bytes} {child.pages}\n".encode())
                status = 0
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
                try:
                    os.write(write_end, f"error {type(exc).__name__}: {exc}\n".encode("utf-8", "replace")[:4000])
                except OSError:
                    pass
            finally:
                os._exit(status)
        os.close(write_end)
        os.set_blocking(read_end, False)
        reader = _ChildReport(read_end)
        try:
            for done, entity_id in enumerate(mine, start=1):
                self.write_entity(out, triples, entity_id)
                if progress is not None and (done % REPORT_EVERY == 0 or done == len(mine)):
                    reader.poll()
                    progress(done + reader.done, len(ids))
            os.set_blocking(read_end, True)
            reader.poll()
            _, status = os.waitpid(pid, 0)
            pid = 0
            if status != 0 or reader.result is None:
                raise OSError(f"the second writer failed: {reader.error or f'exit status {status}'}")
        finally:
            if pid:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            os.close(read_end)
        child_bytes, child_pages = reader.result
        out.bytes += child_bytes
        out.pages += child_pages
        for entity_id in theirs:  # the names the child wrote, the same as write_entity writes
            out.names += [paths.entity_rdf_path(entity_id, "ttl"), paths.entity_rdf_path(entity_id, "jsonld"),
                          *(paths.entity_page_path(entity_id, lang) for lang in paths.LANGS)]
        if progress is not None:
            progress(len(ids), len(ids))

    def write_indexes(self, out: _Writer, dumps: list[dict]) -> None:
        ix_pages = self.index_pages
        for lang in paths.LANGS:
            for page in (*ix_pages.types(lang), *ix_pages.cases(lang), *ix_pages.years(lang),
                         *ix_pages.sources(lang)):
                self.write_page(out, page)
            stats = self.stats
            home = ix_pages.home(lang, stats, [{**d, "href": d["path"]} for d in dumps])
            self.write_page(out, home)
            self.write_page(out, ix_pages.search(lang, list(search.SCRIPTS)))
            self.write_page(out, ix_pages.queries(lang, list(self.inputs.queries)))
        base_path = self.inputs.served_path or "/" + self.inputs.base_url.split("://", 1)[-1].partition("/")[2]
        css = (STATIC / "site.css").read_text(encoding="utf-8")
        if "</style" in css.lower():
            raise RuntimeError("site.css cannot be inlined: it holds '</style'")
        self.write_page(out, ix_pages.not_found(base_path, css))

    def write_sitemap(self, out: _Writer) -> None:
        pages = sorted(n for n in out.names if n.endswith(".html") and n != "404.html")
        base = self.inputs.base_url
        urls = [paths.absolute(base, p) for p in pages]
        chunks = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)] or [[]]

        def urlset(items: list[str]) -> str:
            body = "".join(f"<url><loc>{_xml(u)}</loc></url>\n" for u in items)
            return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n')

        if len(chunks) == 1:
            out.write("sitemap.xml", urlset(chunks[0]))
        else:
            names = [f"sitemap-{i}.xml" for i in range(1, len(chunks) + 1)]
            for name, chunk in zip(names, chunks, strict=True):
                out.write(name, urlset(chunk))
            body = "".join(f"<sitemap><loc>{_xml(base + n)}</loc></sitemap>\n" for n in names)
            out.write("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                      f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</sitemapindex>\n')
        out.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")

    def fill(self, staging: Path, progress: Progress | None = None) -> _Writer:
        out = _Writer(staging)
        self.write_assets(out)
        dumps = self.write_dumps(out)
        self.write_entities(out, progress)
        self.write_indexes(out, dumps)
        if self.inputs.explorer_html is not None:
            out.write(paths.EXPLORER, self.inputs.explorer_html)
        self.write_sitemap(out)
        out.write(MARK, folder_mark(WHAT))
        return out


class _ChildReport:
    """What the second writer says on its pipe: how many entities it has written, then `ok BYTES PAGES` or
    `error MESSAGE`."""

    def __init__(self, fd: int):
        self.fd = fd
        self.done = 0
        self.result: tuple[int, int] | None = None
        self.error = ""
        self._pending = b""

    def poll(self) -> None:
        """Read what has come (to the end of the pipe when the pipe is blocking)."""
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            self._pending += chunk
            *lines, self._pending = self._pending.split(b"\n")
            for line in lines:
                text = line.decode("utf-8", "replace")
                if text.startswith("ok "):
                    _, size, pages = text.split()
                    self.result = (int(size), int(pages))
                elif text.startswith("error "):
                    self.error = text[6:]
                elif text.isdigit():
                    self.done = int(text)


def _die_with_parent() -> None:
    """Ask Linux to end this (forked) process if its parent ends, so a killed build leaves no writer behind."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_site(inputs: SiteInputs, out_dir: Path, *, force: bool = False,
               progress: Progress | None = None) -> SiteSummary:
    """Build the site into `out_dir`, replacing what was there all at once (only a folder kg wrote, an empty one, or
    a new one, unless `force`). Raises kg.outputs.output_files.OutputError when the folder must not be written."""
    check_owned_folder(out_dir, MARK, WHAT, force=force)
    builder = SiteBuilder(inputs)
    summary: list[_Writer] = []

    def fill(staging: Path) -> list[str]:
        with paused_gc():  # a site makes millions of short-lived objects and keeps none
            written = builder.fill(staging, progress)
        summary.append(written)
        return written.names

    try:
        replace_folder(Path(out_dir), fill, carry_over=False, sync_each=False)
    except OSError as exc:
        from ..outputs.output_files import OutputError

        raise OutputError(f"cannot write {out_dir}: {exc.strerror or exc}") from None
    finally:
        gc.collect()
    written = summary[0]
    return SiteSummary(files=len(written.names), pages=written.pages, entities=len(builder.ix.ids),
                       bytes=written.bytes)

