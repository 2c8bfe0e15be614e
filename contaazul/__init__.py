"""A standalone client for the Conta Azul API (api-v2.contaazul.com).

    oauth = ContaAzulOAuth(client_id, client_secret, redirect_uri)
    client = ContaAzul(oauth=oauth, token_store=FileTokenStore("tokens.json"))
    client.people.find_by_document("123.456.789-09")
"""
from .client import DEFAULT_API_BASE_URL, ContaAzul
from .errors import (
    AuthenticationError,
    ConflictError,
    ContaAzulError,
    InvalidClientError,
    InvalidGrantError,
    NetworkError,
    NotConnectedError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolFailedError,
    ProtocolPendingError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from .oauth import (
    AUTHORIZATION_ENDPOINT,
    LEGACY_AUTHORIZATION_ENDPOINT,
    LEGACY_TOKEN_ENDPOINT,
    SCOPE,
    TOKEN_ENDPOINT,
    ContaAzulOAuth,
)
from .ratelimit import RateLimit, RateLimiter, RateLimiterRegistry
from .resources import is_active
from .retry import RetryPolicy
from .tokens import FileTokenStore, MemoryTokenStore, TokenPair, TokenStore
from .wire import parse_date, parse_timestamp, sao_paulo_timestamp

__all__ = [
    "AUTHORIZATION_ENDPOINT",
    "DEFAULT_API_BASE_URL",
    "LEGACY_AUTHORIZATION_ENDPOINT",
    "LEGACY_TOKEN_ENDPOINT",
    "SCOPE",
    "TOKEN_ENDPOINT",
    "AuthenticationError",
    "ConflictError",
    "ContaAzul",
    "ContaAzulError",
    "ContaAzulOAuth",
    "FileTokenStore",
    "InvalidClientError",
    "InvalidGrantError",
    "MemoryTokenStore",
    "NetworkError",
    "NotConnectedError",
    "NotFoundError",
    "PermissionDeniedError",
    "ProtocolFailedError",
    "ProtocolPendingError",
    "RateLimit",
    "RateLimitedError",
    "RateLimiter",
    "RateLimiterRegistry",
    "RetryPolicy",
    "ServerError",
    "TokenPair",
    "TokenStore",
    "ValidationError",
    "is_active",
    "parse_date",
    "parse_timestamp",
    "sao_paulo_timestamp",
]
