"""Presentation helpers every app uses (GOV.UK form markup, running a service
from a form). A plain package, not an app: it imports no domain app, so
any app, core and accounts included, may import it."""
