"""Schemathesis against the app's own OpenAPI schema: bounded examples per operation, never a 5xx.

The app runs in-process (ASGI) over the embedded test store (bundled corpus +
invented documents). Every operation of the schema gets ``MAX_EXAMPLES``
generated requests (derandomised, so CI is deterministic); the only check is
``not_a_server_error`` — 4xx refusals are fine, a 5xx is a bug. The
operations are driven directly with Hypothesis (``as_strategy``) rather than
through schemathesis' pytest plugin, which does not load under this pytest.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from camket.api.app import create_app
from camket.api.settings import Settings
from camket.search import SearchIndex

from .conftest import TEST_SETTINGS

MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def operations(embedded_store):
    app = create_app(embedded_store, Settings(**TEST_SETTINGS),
                     search=SearchIndex.for_store(embedded_store, build=True))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz(operation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error])
    run()


def test_every_operation_has_no_server_error(operations):
    assert len(operations) >= 15
    failures = []
    for operation in operations:
        try:
            _fuzz(operation)
        except Exception as err:  # noqa: BLE001 - collect them all, report together
            failures.append(f"{operation.label}: {err}")
    assert not failures, "\n\n".join(failures)
