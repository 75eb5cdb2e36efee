"""Django's 400, 404 and 500 handlers: problem details under /api/, Django's own pages elsewhere."""

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
