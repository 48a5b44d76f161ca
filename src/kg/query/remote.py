"""A remote SPARQL 1.1 store: queries over the SPARQL Protocol, publishing over the Graph Store Protocol.

Credentials come from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD (or the URL's `user:password@`, taken out of the URL
into the same place) and are never printed. A redirect to another origin (scheme, host, port) is refused: credentials
and data go only to the server the user named. HTTP Basic (sent up front) and
Digest (answered when the server challenges) both work. Parameters travel as a VALUES block of escaped N-Triples terms
at the top of the query's WHERE clause, never as text pasted into the query. A result the server may have cut short
(Virtuoso's ResultSetMaxRows cap, its partial "anytime" answers) is refused, never shown as if complete.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

import pyoxigraph as ox

from ..core.namespaces import PREFIXES
from .endpoint_settings import AUTH_MODES, DEFAULT_GRAPH_IRI  # noqa: F401 - part of this module's API
from .engines import (
    ParsedQuery,
    QueryError,
    QueryResult,
    Term,
    code_only,
    declared_prefixes,
    where_group,
    with_values,
)

USER_VARIABLE = "KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"
RESULTS_JSON = "application/sparql-results+json"


def with_prologue(text: str) -> str:
    """The project's PREFIX lines (those the query does not declare itself), then the query."""
    declared = declared_prefixes(text)
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return prologue + text


def probe_query(text: str, form: str) -> str | None:
    """For CONSTRUCT/DESCRIBE: a SELECT over the same WHERE block and modifiers, projecting nothing, so the server's
    row cap (signalled only on SELECT results) can be checked cheaply."""
    group = where_group(text, form)
    if group is None:
        return None
    head, code = text[:group.start], code_only(text[:group.start])
    clauses = re.finditer(r"(?i:FROM)\s+(?:(?i:NAMED)\s+)?(?:<[^>]*>|[\w.-]*:[\w.-]*)", head)
    datasets = " ".join(m.group(0) for m in clauses if code[m.start()] != " ")  # not inside a comment or string
    form_word = re.search(r"(?i)\b(CONSTRUCT|DESCRIBE)\b", code)
    prologue = head[:form_word.start()] if form_word else ""
    return f"{prologue}SELECT ?kg_probe_unbound {datasets} WHERE {text[group.start:]}"


def credentials_from_env() -> tuple[str | None, str | None]:
    return os.environ.get(USER_VARIABLE) or None, os.environ.get(PASSWORD_VARIABLE) or None


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of a URL, the default port filled in: what a redirect must keep to carry credentials."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


def without_userinfo(url: str) -> str:
    """The URL with any `user:password@` removed, safe to print."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the origin the user named; any other is refused with a message, so that no
    Authorization header, query or upload reaches a server the user did not name."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        target = urllib.parse.urljoin(req.full_url, newurl)
        if origin(target) != origin(req.full_url):
            raise QueryError(
                f"refused: {without_userinfo(req.full_url)} redirects (HTTP {code}) to another server,"
                f" {without_userinfo(target)}; kg sends credentials and data only to the server you name"
                " (give the URL it redirects to, if you trust it)"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Endpoint:
    """One SPARQL service URL, with optional credentials, an auth mode and a timeout (seconds)."""

    def __init__(self, url: str, *, user: str | None = None, password: str | None = None, auth: str = "auto",
                 timeout: float = 60.0):
        try:
            parsed = urllib.parse.urlsplit(url)
        except ValueError as error:  # an unclosed IPv6 bracket
            crude = re.sub(r"//[^/]*@", "//", url)  # no credentials in the message, even from an unparsable URL
            raise QueryError(f"`{crude}` is not a valid URL ({error})") from None
        shown = without_userinfo(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise QueryError(f"`{shown}` is not an http:// or https:// URL")
        try:
            _ = parsed.port
        except ValueError:
            raise QueryError(f"`{shown}` has an invalid port") from None
        if not parsed.hostname:
            raise QueryError(f"`{shown}` names no host")
        if "@" in parsed.netloc:  # credentials in the URL move to the auth mechanism, out of every message
            url_user = urllib.parse.unquote(parsed.username or "")
            url_password = urllib.parse.unquote(parsed.password or "")
            if user is not None and (user, password or "") != (url_user, url_password):
                raise QueryError(f"credentials both in the URL and in {USER_VARIABLE}/{PASSWORD_VARIABLE}: give them"
                                 f" once (preferably in the variables, which stay out of shell history)")
            user, password = url_user or None, url_password
            url = shown
        if auth not in AUTH_MODES:
            raise QueryError(f"unknown auth mode {auth!r} (choose from {', '.join(AUTH_MODES)})")
        self.url = url
        self.user = user
        self.password = password
        self.auth = auth
        self.timeout = timeout
        self.passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None and auth != "basic":
            self.passwords.add_password(None, url, user, password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(self.passwords))
            if auth == "auto":
                handlers.append(urllib.request.HTTPBasicAuthHandler(self.passwords))
        self.opener = urllib.request.build_opener(*handlers, SameOriginRedirects())
        self.plain_opener = urllib.request.build_opener(SameOriginRedirects())

    @classmethod
    def from_env(cls, url: str, **options) -> Endpoint:
        user, password = credentials_from_env()
        return cls(url, user=user, password=password, **options)

    # ------------------------------------------------------------------ HTTP
    def _basic_header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
        return f"Basic {token}"

    def _request(self, url: str, *, method: str, data: bytes | None, headers: dict[str, str],
                 opener: urllib.request.OpenerDirector | None = None) -> tuple[int, dict, bytes]:
        """(status, lower-cased headers, body), or QueryError saying what went wrong in the user's terms."""
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        if self.auth == "basic" and self.user is not None:
            request.add_header("Authorization", self._basic_header())
        try:
            with (opener or self.opener).open(request, timeout=self.timeout) as response:
                body = response.read()
                return response.status, {k.lower(): v for k, v in response.headers.items()}, body
        except urllib.error.HTTPError as error:
            raise self._http_error(error) from None
        except urllib.error.URLError as error:
            raise self._unreachable(error.reason) from None
        except TimeoutError:
            raise self._unreachable(TimeoutError()) from None
        except (ConnectionError, OSError) as error:
            raise self._unreachable(error) from None
        except ValueError as error:  # urllib's "digest auth failed" and malformed URLs
            raise QueryError(f"{self.url}: {error}") from None
        except http.client.HTTPException as error:  # a malformed answer or URL (InvalidURL, BadStatusLine)
            raise QueryError(f"{self.url}: {type(error).__name__}: {error}") from None

    def _upfront_authorization(self, method: str, url: str) -> str | None:
        """An Authorization header for `method url`, computed from the challenge the server gives a bodiless HEAD.

        A large upload must not be the request that meets the 401: servers such as Virtuoso answer it and close the
        connection while the body is still being sent. None when the server asks for no login."""
        try:
            self.plain_opener.open(urllib.request.Request(url, method="HEAD"), timeout=self.timeout).close()
            return None
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        except (urllib.error.URLError, OSError, ValueError):
            return None  # the upload itself reports the problem
        scheme, _, details = challenge.partition(" ")
        if scheme.lower() == "basic" and self.auth == "auto":
            return self._basic_header()
        if scheme.lower() != "digest":
            return None
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(details))
        handler = urllib.request.HTTPDigestAuthHandler(self.passwords)
        value = handler.get_authorization(urllib.request.Request(url, method=method), fields)
        return f"Digest {value}" if value else None

    def _unreachable(self, reason: object) -> QueryError:
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return QueryError(f"no answer from {self.url} within {self.timeout:g} s (raise --timeout?)")
        if isinstance(reason, ConnectionRefusedError):
            return QueryError(f"cannot reach {self.url}: connection refused (is the server running?)")
        if isinstance(reason, (BrokenPipeError, ConnectionResetError)):
            return QueryError(f"{self.url} closed the connection before the request was sent in full"
                              " (a refused login or a size limit?)")
        if isinstance(reason, socket.gaierror):
            return QueryError(f"cannot reach {self.url}: unknown host")
        return QueryError(f"cannot reach {self.url}: {reason}")

    def _http_error(self, error: urllib.error.HTTPError) -> QueryError:
        try:
            detail = error.read().decode("utf-8", errors="replace")
        except Exception:  # noqa: BLE001 - the body is only a hint
            detail = ""
        first = next((line.strip() for line in detail.splitlines() if line.strip()), "")
        if error.code in (401, 403):
            if self.user is None:
                return QueryError(f"{self.url} requires a login (HTTP {error.code}): set {USER_VARIABLE} and "
                                  f"{PASSWORD_VARIABLE}")
            return QueryError(f"{self.url} refused the login of user `{self.user}` (HTTP {error.code}): check "
                              f"{USER_VARIABLE} and {PASSWORD_VARIABLE}")
        if error.code == 404:
            return QueryError(f"nothing at {self.url} (HTTP 404): is it the right endpoint URL?")
        if error.code == 400:
            return QueryError(f"{self.url} rejected the request (HTTP 400): {first[:300]}")
        return QueryError(f"{self.url} failed (HTTP {error.code} {error.reason}): {first[:300]}")

    # ------------------------------------------------------------------ SPARQL Protocol
    def _post_query(self, text: str, accept: str, graph_iri: str | None) -> tuple[dict, bytes]:
        fields = [("query", text)]
        if graph_iri:
            fields.append(("default-graph-uri", graph_iri))
        data = urllib.parse.urlencode(fields).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        _, response_headers, body = self._request(self.url, method="POST", data=data, headers=headers)
        return response_headers, body

    def _results_json(self, headers: dict, body: bytes) -> dict:
        kind = headers.get("content-type", "")
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise QueryError(f"{self.url} did not answer with SPARQL results JSON (got {kind or 'no type'})") from None

    def _refuse_partial(self, headers: dict, rows: int | None) -> None:
        if "x-sql-state" in headers:
            message = headers.get("x-sql-message", headers["x-sql-state"])
            raise QueryError(f"{self.url} returned a partial result ({message.strip()[:200]}); it is not shown as "
                             f"complete: narrow the query or raise the server's time limit")
        cap = headers.get("x-sparql-maxrows")
        if cap and rows is not None and cap.strip().isdigit() and rows >= int(cap):
            raise QueryError(
                f"{self.url} capped the result at {int(cap)} rows (its ResultSetMaxRows), so it may be incomplete and "
                f"is not shown: narrow the query (LIMIT/OFFSET, filters) or raise the server's limit"
            )

    def query(self, query: ParsedQuery, bindings: Mapping[str, Term] | None = None,
              graph_iri: str | None = None) -> QueryResult:
        """Run a parsed query remotely; the same QueryResult a local engine gives, or QueryError."""
        text = with_prologue(with_values(query.text, query.form, bindings or {}))
        if query.form in ("SELECT", "ASK"):
            headers, body = self._post_query(text, RESULTS_JSON, graph_iri)
            document = self._results_json(headers, body)
            if query.form == "ASK":
                if not isinstance(document.get("boolean"), bool):
                    raise QueryError(f"{self.url} sent no boolean for an ASK query")
                self._refuse_partial(headers, None)
                return QueryResult("ASK", boolean=document["boolean"])
            variables = list(document.get("head", {}).get("vars", []))
            bindings_list = document.get("results", {}).get("bindings")
            if bindings_list is None:
                raise QueryError(f"{self.url} sent SPARQL results without bindings")
            self._refuse_partial(headers, len(bindings_list))
            rows = [tuple(Term.from_json(b[v]) if v in b else None for v in variables) for b in bindings_list]
            return QueryResult("SELECT", variables, rows)
        headers, body = self._post_query(text, "application/n-triples, text/turtle;q=0.9", graph_iri)
        self._refuse_partial(headers, None)
        kind = headers.get("content-type", "").split(";")[0].strip()
        formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                   "text/turtle": ox.RdfFormat.TURTLE}
        if kind not in formats:
            raise QueryError(f"{self.url} answered a {query.form} query with {kind or 'no type'}, not RDF")
        try:
            triples = [(Term.from_oxigraph(t.subject), Term.from_oxigraph(t.predicate), Term.from_oxigraph(t.object))
                       for t in ox.parse(body, format=formats[kind])]
        except SyntaxError as error:
            raise QueryError(f"{self.url} sent RDF that does not parse: {str(error).splitlines()[0]}") from None
        probe = probe_query(text, query.form)
        if probe is not None:
            probe_headers, probe_body = self._post_query(probe, RESULTS_JSON, graph_iri)
            probe_rows = self._results_json(probe_headers, probe_body).get("results", {}).get("bindings", [])
            self._refuse_partial(probe_headers, len(probe_rows))
        return QueryResult(query.form, triples=triples)

    # ------------------------------------------------------------------ Graph Store Protocol
    def _check_login(self, url: str, authorization: str | None) -> None:
        """A bodiless HEAD with the credentials (if any): a login that is missing or refused is reported before any
        data is sent, since a server may close the connection on a 401 while a large body is still being sent."""
        headers = {"Authorization": authorization} if authorization else {}
        try:
            self.plain_opener.open(urllib.request.Request(url, method="HEAD", headers=headers),
                                   timeout=self.timeout).close()
        except urllib.error.HTTPError as error:
            if error.code in (401, 403):
                raise self._http_error(error) from None
        except (urllib.error.URLError, OSError, ValueError):
            pass  # the upload itself reports the problem

    def put_graph(self, data: bytes, graph_iri: str, content_type: str = "text/turtle") -> int:
        """Replace the named graph with `data` (HTTP PUT); returns the HTTP status."""
        separator = "&" if urllib.parse.urlsplit(self.url).query else "?"
        url = f"{self.url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
        headers = {"Content-Type": content_type}
        opener = None
        if self.user is None:
            self._check_login(url, None)
        elif self.auth == "basic":
            self._check_login(url, self._basic_header())
        else:
            check = self._upfront_authorization("HEAD", url)
            if check is not None:
                self._check_login(url, check)
                authorization = self._upfront_authorization("PUT", url)
                if authorization is not None:
                    headers["Authorization"] = authorization
                    opener = self.plain_opener
        status, _, _ = self._request(url, method="PUT", data=data, headers=headers, opener=opener)
        return status

    def count_triples(self, graph_iri: str) -> int:
        """How many triples the store holds in the named graph (SPARQL Protocol)."""
        text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {Term.iri(graph_iri).n3()} {{ ?s ?p ?o }} }}"
        headers, body = self._post_query(text, RESULTS_JSON, None)
        rows = self._results_json(headers, body).get("results", {}).get("bindings", [])
        try:
            return int(rows[0]["n"]["value"])
        except (IndexError, KeyError, ValueError):
            raise QueryError(f"{self.url} did not return a triple count") from None
