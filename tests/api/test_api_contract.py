"""Contract tests: schemathesis 4 generates requests from the API's own OpenAPI document
(``/api/v1/openapi.json`` of the live server) and checks every response: no server error,
status codes, content types, headers and bodies as documented (the Pydantic response models and
the one error shape), invalid requests rejected.

Valid-looking requests may still get a 400 or 422: a cursor (``after``) that the server did not
hand out, an actor name no entity has (400), a dyad of one code twice (``RUS,rus``), a start
after the end or a day the month lacks (``2024-02-30``, 422) cannot be told apart in JSON
Schema, so 400 and 422 are accepted statuses for positive data; their bodies are still checked
against the error model."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

CONFIG = {
    "checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404", "422"]},
    },
}


@pytest.fixture(scope="session")
def api_schema(live_server):
    config = schemathesis.Config.from_dict(CONFIG)
    return schemathesis.openapi.from_url(live_server.base + "/api/v1/openapi.json",
                                         config=config)


# (method, path) of every documented operation; the last test checks this list against the
# document. (Parametrised by hand: schemathesis.pytest.from_fixture does not run on pytest 9.)
OPERATIONS = [("GET", "/health"), ("GET", "/documents"), ("GET", "/documents/{doc_id}"),
              ("GET", "/events"), ("GET", "/events/export"), ("GET", "/events/{event_id}"),
              ("GET", "/timeline"), ("GET", "/dyads/{a}/{b}"), ("GET", "/network"),
              ("GET", "/actors"), ("GET", "/actors/{code}"), ("GET", "/quantities"),
              ("GET", "/search"), ("GET", "/sources"), ("GET", "/sources/{ref}"),
              ("GET", "/watches"), ("GET", "/watches/{ref}"), ("GET", "/watches/{ref}/alerts"),
              ("GET", "/watches/{ref}/alerts.atom"), ("GET", "/alerts"),
              ("GET", "/alerts.atom"), ("GET", "/corrections"), ("GET", "/corrections/export"),
              ("GET", "/corrections/{correction_id}"), ("GET", "/briefing")]
# Writes need the API token, which the shared live server does not have (and its store is
# read-only for the tests): tests/loop/test_api_cli_loop.py and tests/api/test_corrections_api.py
# run them with a token; here every one is refused (403) whatever the body.
WRITES = [("POST", "/sources"), ("DELETE", "/sources/{ref}"), ("POST", "/watches"),
          ("PATCH", "/watches/{ref}"), ("DELETE", "/watches/{ref}"), ("POST", "/alerts/read"),
          ("POST", "/corrections"), ("POST", "/corrections/{correction_id}/revoke")]


# Negative cases need a parameter that can be sent wrong: /health has none, and the item
# endpoints have only one path segment, which cannot be sent invalid (schemathesis drops the
# values with a '/', so generation would be unsatisfiable).
NO_NEGATIVE = {"/health", "/documents/{doc_id}", "/events/{event_id}", "/actors/{code}",
               "/sources", "/watches", "/alerts.atom", "/corrections/export"}
CASES = [(m, p, mode) for m, p in OPERATIONS for mode in ("positive", "negative")
         if not (p in NO_NEGATIVE and mode == "negative")]


@pytest.mark.parametrize("method,path,mode", CASES, ids=[f"{m} {p} {x}" for m, p, x in CASES])
def test_api_conforms_to_its_openapi_document(api_schema, method, path, mode):
    from hypothesis import given

    operation = api_schema[path][method]
    seen: list[int] = []

    @given(case=operation.as_strategy(schemathesis.GenerationMode(mode)))
    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call_and_validate(timeout=60)
        seen.append(response.status_code)

    run()
    assert seen and all(status < 500 for status in seen)
    if mode == "positive":
        assert any(200 <= s < 300 or s == 404 for s in seen), seen


def test_the_contract_test_covers_every_operation(api_schema):
    ops = set()
    for result in api_schema.get_all_operations():
        op = result.ok()
        ops.add((op.method.upper(), op.path))
    assert ops == set(OPERATIONS) | set(WRITES)


@pytest.mark.parametrize("method,path", WRITES, ids=[f"{m} {p}" for m, p in WRITES])
def test_writes_without_a_token_are_refused_in_the_one_error_shape(api_schema, method, path):
    from hypothesis import given

    operation = api_schema[path][method]
    seen: list[int] = []

    @given(case=operation.as_strategy(schemathesis.GenerationMode.POSITIVE))
    @settings(max_examples=10, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call(timeout=60)
        seen.append(response.status_code)
        assert response.json()["error"]["code"] == "forbidden"

    run()
    assert seen and set(seen) == {403}
