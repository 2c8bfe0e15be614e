"""Which developer (Google Cloud) project a call comes from: whose PROJECT-visible developer
metadata it writes and sees.

Google knows the project of every call from the credentials behind it. The stand-in knows as
much as its tokens tell:
- an access token its OAuth server issued comes from the one registered web client, which
  belongs to the stand-in's project (`project_id`, where service accounts are made by default);
- a service account's token (or self-signed JWT) comes from the account's own project;
- an Apps Script token (`apps_script_token`) comes from the script's own default project, which
  is not the backend's (a script is linked to a standard project only by hand);
- any other token (registered, or lax mode's) is a project of its own per person, so what one
  such caller keeps PROJECT-visible no other caller sees.
"""
from __future__ import annotations

from .oauth import AccessToken
from .world import World

APPS_SCRIPT_PROJECT = "apps-script-default-project"


def developer_project(world: World, token: str, access: AccessToken | None, user: str) -> str:
    """The project a call with this token is made from (see the module's docstring)."""
    if access is not None:
        if access.grant.service_account:
            return world.service_accounts.accounts[access.grant.email].project_id
        return world.settings.project_id
    if token in world.auth.apps_script:
        return APPS_SCRIPT_PROJECT
    return f"unregistered-project:{user}"
