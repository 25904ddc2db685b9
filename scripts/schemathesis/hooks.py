"""Schemathesis hooks for the reference server's schema tests (scripts/schemathesis.sh).

A client makes a new Idempotency-Key for each new write (the contract says so, and the
widget sends a UUID); Hypothesis would otherwise draw the same short keys for different
requests, which the server rightly refuses with 422. Each generated request gets a fresh
key, as a real client's would.
"""

import uuid

import schemathesis


@schemathesis.hook
def before_call(ctx, case, kwargs):
    # Every phase's requests pass here (the coverage phase's too, whose keys are fixed
    # boundary values shared by all operations).
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())


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
