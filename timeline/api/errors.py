"""Django's 404 and 500 handlers: problem details under /api/, Django's own pages elsewhere."""

from django.views import defaults

from timeline.api.problems import problem_response


def not_found(request, exception):
    if request.path.startswith("/api/"):
        return problem_response("not-found", "No resource at this address.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return problem_response("server-error", "Something failed on our side. It is logged; please report it.")
    return defaults.server_error(request)
