"""Every resource of the API, in the order of its root: (path, viewset, basename), from each
app's api package. The router (gr_portal.api_urls) and the bulk downloads (gr_portal.api_bulk)
read this list."""

from councils.api.views import ROUTES as COUNCILS
from decisions.api.views import ROUTES as DECISIONS
from milestones.api.views import ROUTES as MILESTONES

ROUTES = [*COUNCILS, *DECISIONS, *MILESTONES]
