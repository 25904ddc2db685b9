"""Schemathesis hooks and checks for the reference server's schema tests
(scripts/schemathesis.sh).

A client makes a new Idempotency-Key for each new write (the contract says so, and the
widget sends a UUID); Hypothesis would otherwise draw the same short keys for different
requests, which the server rightly refuses with 422. Each generated request gets a fresh
key, as a real client's would.
"""

import uuid
from urllib.parse import parse_qsl, urlsplit

import schemathesis
from schemathesis.core.parameters import ParameterLocation


@schemathesis.hook
def before_call(ctx, case, kwargs):
    # Every phase's requests pass here (the coverage phase's too, whose keys are fixed
    # boundary values shared by all operations).
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())


def _declared_query(operation):
    """The query parameters `operation` declares (an exploded object stands for its
    properties), and the token's."""
    names = {"api_key"}
    for parameter in operation.query:
        definition = parameter.definition
        schema = definition.get("schema", {})
        if definition.get("explode", True) and isinstance(schema.get("properties"), dict):
            names.update(schema["properties"])
        else:
            names.add(parameter.name)
    return names


@schemathesis.check
def undeclared_query_parameters_are_refused(ctx, response, case):
    """The description declares every query parameter an operation takes (and forbids the
    rest on `calls.json`, whose owner object has additionalProperties false): the server
    must refuse the others by name, not answer as if they had not been sent. Schemathesis'
    own negative_data_rejection forgives undeclared parameters on purpose (many servers
    ignore them); this server does not, and this check holds it to that."""
    # What was sent, not what was generated: a generated parameter whose value is None or
    # an empty list never reaches the URL.
    sent = {name for name, _ in parse_qsl(urlsplit(response.request.url).query, keep_blank_values=True)}
    extra = sorted(sent - _declared_query(case.operation))
    if extra and response.status_code < 400:
        raise AssertionError(
            f"Undeclared query parameters {extra} were accepted with {response.status_code}: "
            "the server must answer 400 naming them"
        )


def _body_is_negated(case):
    meta = case.meta
    if meta is None:
        return False
    body = meta.components.get(ParameterLocation.BODY)
    return body is not None and body.mode.is_negative


@schemathesis.hook
def map_case(ctx, case):
    # The description gives a write's body in its full form (every field required): with
    # `partial=1` any field may be left out, which OpenAPI cannot make depend on a query
    # parameter (CallFields says so). A body generated to break the description is
    # therefore sent as a full write, where the description's requirements are exactly
    # the server's, so accepting it is a real failure. Valid bodies keep either form.
    if case.query and str(case.query.get("partial")).lower() in ("1", "true") and _body_is_negated(case):
        case.query["partial"] = "0"
    return case


# CPython 3.11 before 3.11.8 (the machines' 3.11.7, Debian's 3.11.2) can fail parsing a large
# module into an AST ("AST constructor recursion depth mismatch", CPython gh-106905).
# Hypothesis parses Schemathesis' coverage module only to describe a lambda for its own
# messages; with this, a description that cannot be made is a plain name instead of a
# crash of the coverage phase.
def _describe_safely(describe):
    def describe_or_name(function, *args, **kwargs):
        try:
            return describe(function, *args, **kwargs)
        except SystemError:
            return getattr(function, "__name__", "lambda")

    return describe_or_name


def _patch_lambda_descriptions():
    import hypothesis.internal.reflection as reflection
    import hypothesis.strategies._internal.lazy as lazy

    for module in (reflection, lazy):
        if hasattr(module, "get_pretty_function_description"):
            module.get_pretty_function_description = _describe_safely(module.get_pretty_function_description)


_patch_lambda_descriptions()
