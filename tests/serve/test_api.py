"""The JSON API over the sample store: every read route, paging, filters, error shapes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from warta.serve import create_app
from warta.serve.api import public_source

from serve_store import PUTIN, article_id, sample_store


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(sample_store())) as opened:
        yield opened


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_articles_are_listed_newest_first_and_paged(client: TestClient) -> None:
    everything = get(client, "/api/articles?limit=100")
    assert everything["next_offset"] is None and len(everything["items"]) == 6
    dated = [a["published"] for a in everything["items"] if a["published"]]
    assert dated == sorted(dated, reverse=True)
    first = get(client, "/api/articles?limit=2")
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    second = get(client, "/api/articles?limit=2&offset=2")
    assert [a["id"] for a in first["items"] + second["items"]] == [a["id"] for a in everything["items"][:4]]
    last = get(client, "/api/articles?limit=2&offset=4")
    assert last["next_offset"] is None


def test_article_filters(client: TestClient) -> None:
    in_2016 = get(client, "/api/articles?since=2016-01-01&until=2016-12-31")["items"]
    assert in_2016 and all(a["published"].startswith("2016") for a in in_2016)
    kompas = get(client, "/api/articles?site=kompas.com")["items"]
    assert [a["site"] for a in kompas] == ["nasional.kompas.com"]
    putin = get(client, f"/api/articles?entity={PUTIN}")["items"]
    assert [a["title"] for a in putin] == ["Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"]
    assert get(client, "/api/articles?entity=putin")["items"] == putin  # a name works as on the CLI


def test_one_article_has_its_findings_story_and_related(client: TestClient) -> None:
    found = get(client, f"/api/articles/{article_id('Presiden Rusia')}")
    assert found["article"]["title"].startswith("Presiden Rusia Vladimir Putin")
    assert PUTIN in {e["key"] for e in found["entities"]}
    assert found["quotes"] and found["events"]
    assert found["story"]["id"] == found["story_id"]
    assert all(m["key"] for m in found["mentions"])
    body = found["article"]["text"]
    assert all(body[m["start"] : m["end"]] == m["text"] for m in found["mentions"] if m["field"] == "body")
    assert found["related"] and all(r["reason"] in ("story", "entities") for r in found["related"])
    # The server's directories stay on the server: the source is the ingested file's name.
    assert found["source"] == "tribuntoraja-2024-putin-korea-utara.txt"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("/home/ana/crawls/cc-news.warc.gz#17", "cc-news.warc.gz#17"),
        ("samples/pages/x.html", "x.html"),
        ("C:\\data\\dump.jsonl:3", "dump.jsonl:3"),
        ("page.html", "page.html"),
        ("https://example.id/berita/1", "https://example.id/berita/1"),
        ("<stdin>", "<stdin>"),
    ],
)
def test_the_api_shows_a_source_without_its_directories(stored: str, shown: str) -> None:
    assert public_source(stored) == shown


def test_search_pages_and_filters(client: TestClient) -> None:
    hits = get(client, "/api/search?q=korea utara")["items"]
    assert hits[0]["title"].startswith("Presiden Rusia") and "**" in hits[0]["snippet"]
    assert get(client, "/api/search?q=indonesia&limit=1")["next_offset"] == 1
    assert get(client, "/api/search?q=putin&site=kompas.com")["items"] == []
    assert get(client, f"/api/search?q=putin&speaker={PUTIN}")["items"] == []


def test_entities_and_one_entity(client: TestClient) -> None:
    top = get(client, "/api/entities?limit=5")
    assert len(top["items"]) == 5 and top["next_offset"] == 5
    people = get(client, "/api/entities?label=PER&limit=100")["items"]
    assert people and {e["label"] for e in people} == {"PER"}
    profile = get(client, f"/api/entities/{PUTIN}")
    assert profile["canonical"] == "Vladimir Putin" and profile["co_mentioned"] and profile["latest_articles"]
    assert profile["undated_mentions"] == profile["mentions"]  # its one article has no date
    assert get(client, "/api/entities/putin")["key"] == PUTIN


def test_quotes_events_stories(client: TestClient) -> None:
    quotes = get(client, "/api/quotes?limit=3")
    assert len(quotes["items"]) == 3 and quotes["next_offset"] == 3
    said = get(client, "/api/quotes?speaker=Almaraja Limbong&limit=100")["items"]
    assert said and {q["speaker_name"] for q in said} == {"Almaraja Limbong"}
    assert get(client, "/api/quotes?q=padat")["items"][0]["text"] == "Programnya sangat padat"
    events = get(client, "/api/events?limit=100")["items"]
    assert events and all(e["type"] and e["article"]["id"] for e in events)
    typed = get(client, f"/api/events?type={events[0]['type']}&limit=100")["items"]
    assert typed and {e["type"] for e in typed} == {events[0]["type"]}
    assert all(PUTIN in (e["actor"], e["target"]) for e in get(client, f"/api/events?entity={PUTIN}")["items"])
    stories = get(client, "/api/stories")["items"]
    assert len(stories) == 6
    story = get(client, f"/api/stories/{stories[0]['id']}")
    assert story["articles"] and story["size"] == len(story["articles"]) and story["entities"]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/articles/99999", 404, "not_found"),
        ("/api/stories/99999", 404, "not_found"),
        ("/api/entities/per:nobody-at-all", 404, "not_found"),
        ("/api/articles?story=99999", 404, "not_found"),
        ("/api/entities/korea", 422, "ambiguous_name"),
        ("/api/articles?since=kemarin", 422, "bad_query"),
        ("/api/articles?since=2020-02-01&until=2020-01-01", 422, "bad_query"),
        ("/api/search?q=-", 422, "bad_query"),
        ("/api/search", 422, "bad_request"),
        ("/api/articles?limit=0", 422, "bad_request"),
        ("/api/articles?limit=101", 422, "bad_request"),
        ("/api/articles?offset=-1", 422, "bad_request"),
        ("/api/articles/abc", 422, "bad_request"),
        ("/api/entities?label=DATE", 422, "bad_request"),
        ("/api/nothing-here", 404, "not_found"),
    ],
)
def test_errors_are_json_with_a_code_and_the_right_status(client: TestClient, url: str, status: int, code: str) -> None:
    error = get(client, url, status)
    assert error["error"] == code and error["detail"]
    assert str(sample_store()) not in error["detail"]  # no server paths in messages
    if code == "ambiguous_name":
        assert "loc:korea-utara" in error["candidates"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/entities/{key}",
        "/api/quotes",
        "/api/events",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/extract",
        "/api/pages",
    ):
        assert path in spec["paths"], path
    assert "/articles/{article_id}" not in spec["paths"]  # the reader's pages are not API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert "sha256-" in docs.headers["content-security-policy"]


def test_ids_past_sqlite_integers_are_refused_not_crashed(client: TestClient) -> None:
    """Found by schemathesis: a 20-digit id overflowed on its way to SQLite (a 500)."""
    huge = str(2**64)
    for url in (f"/api/stories/{huge}", f"/api/articles/{huge}", f"/api/articles?story={huge}"):
        assert get(client, url, 422)["error"] == "bad_request"
    assert client.get(f"/stories/{huge}").status_code == 422


def test_a_wrong_method_is_405_with_allow(client: TestClient) -> None:
    """Found by schemathesis: the 405 lost Starlette's Allow header (RFC 9110 requires it)."""
    response = client.request("TRACE", "/api/articles/1")
    assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"
    assert response.headers["allow"] == "GET"


def test_errors_are_documented_in_the_openapi_schema(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    article = spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]
    assert {"200", "404", "422", "500"} <= set(article)
    assert article["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    error = spec["components"]["schemas"]["ErrorBody"]
    assert set(error["required"]) == {"error", "detail"} and "not_found" in error["properties"]["error"]["enum"]
    pages = spec["paths"]["/api/pages"]["post"]["responses"]
    assert {"201", "401", "403", "413"} <= set(pages)
