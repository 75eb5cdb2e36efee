"""Django's 400, 404 and 500 handlers, and the query-timeout answer: problem details under /api/, plain pages
elsewhere."""

from django.db import OperationalError
from django.http import HttpResponse
from django.views import defaults

from timeline.api.problems import problem_response


def bad_request(request, exception):
    """Errors Django raises before a view (a disallowed Host header, another suspicious request)."""
    if request.path.startswith("/api/"):
        return problem_response("invalid-parameters", "The request is malformed (for example, its Host is not served).")
    return defaults.bad_request(request, exception)


def not_found(request, exception):
    if request.path.startswith("/api/"):
        return problem_response("not-found", "No resource at this address.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return problem_response("server-error", "Something failed on our side. It is logged; please report it.")
    return defaults.server_error(request)


# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (query_canceled).
QUERY_CANCELED = "57014"
RETRY_AFTER_SECONDS = 5


class QueryTimeoutMiddleware:
    """Answers 503 when PostgreSQL cancels a query at `DATABASE_STATEMENT_TIMEOUT_MS`.

    The statement timeout sits below gunicorn's worker timeout, so that the client gets an answer: gunicorn
    kills a timed-out worker without one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_query_timeout(exception):
            return None
        if request.path.startswith("/api/"):
            response = problem_response("query-timeout", "The query ran past its time limit; retry, or narrow it.")
        else:
            response = HttpResponse("The query ran past its time limit.", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def is_query_timeout(exception: BaseException) -> bool:
    cause = exception.__cause__
    return isinstance(exception, OperationalError) and getattr(cause, "sqlstate", None) == QUERY_CANCELED
