"""Follow stancegraph's documentLoaded subscription from Python and print each event as one JSON line.

    .venv/bin/python examples/subscribe.py [--url ws://127.0.0.1:4000/graphql] [--count N]

The client is gql's WebsocketsTransport speaking graphql-transport-ws, the subprotocol of the service's
graphql-ws endpoint (same port and path as /graphql). `npm run notebook:setup` installs gql into .venv
(examples/requirements.txt).

- The URL: --url, else STANCEGRAPH_URL (an http(s)://…/graphql URL is turned into ws(s)://), else
  ws://127.0.0.1:4000/graphql.
- The read token: --token, else STANCEGRAPH_READ_TOKEN; sent as connectionParams.authorization
  ("Bearer <token>"), as the service wants it when STANCEGRAPH_READ_TOKEN is set on its side.
- The operation is operations/subscriptions/document-loaded.graphql, sent as its exact text, so that a
  service in production (PERSISTED_QUERIES_ONLY) finds it on its allow-list: gql would otherwise send its
  own reprint of the document, which the allow-list does not know.

Each event goes to stdout as {"id", "title", "status", "counts", "committedAt", "eventId"}, one line each,
flushed at once. With --count N it exits 0 after N events; otherwise it runs until interrupted.
Exit codes: 0 done or interrupted; 2 the server refused (its close code and reason, e.g. 4401
UNAUTHENTICATED: …, or GraphQL errors, on stderr); 1 any other failure (e.g. nothing listening).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport
from websockets.exceptions import ConnectionClosed

OPERATION = Path(__file__).resolve().parent.parent / "operations" / "subscriptions" / "document-loaded.graphql"


class ListedRequest(GraphQLRequest):
    """A request that sends its operation's text verbatim (the allow-list hashes the exact, trimmed text)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    @property
    def payload(self) -> dict[str, Any]:
        payload = super().payload
        payload["query"] = self.text
        return payload


class Refused(Exception):
    """The server ended the subscription: a close code and reason, or GraphQL errors."""


def ws_url(url: str) -> str:
    if url.startswith("http://") or url.startswith("https://"):
        return "ws" + url[len("http") :]
    return url


def close_of(error: BaseException) -> ConnectionClosed | None:
    """The WebSocket close behind a gql transport error, if any (gql chains the websockets exception)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ConnectionClosed):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


async def follow(url: str, token: str | None, count: int | None) -> None:
    transport = WebsocketsTransport(
        url=url,
        init_payload={"authorization": f"Bearer {token}"} if token else {},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )
    request = ListedRequest(OPERATION.read_text(encoding="utf-8").strip())
    received = 0
    try:
        async with Client(transport=transport, fetch_schema_from_transport=False) as session:
            print(f"subscribe.py: connected to {url}", file=sys.stderr, flush=True)
            async for data in session.subscribe(request):
                print(json.dumps(data["documentLoaded"], ensure_ascii=False), flush=True)
                received += 1
                if count is not None and received >= count:
                    return
    except TransportQueryError as error:
        raise Refused(f"GraphQL errors: {json.dumps(error.errors, ensure_ascii=False)}") from error
    except Exception as error:
        closed = close_of(error)
        if closed is not None and closed.rcvd is not None:
            raise Refused(f"the server closed the connection: {closed.rcvd.code} {closed.rcvd.reason}") from error
        raise
    # The server completed the subscription (it is stopping): say so, as it is not what a follower expects.
    raise Refused(f"the server completed the subscription after {received} event(s)")


def main() -> int:
    parser = argparse.ArgumentParser(description="Print stancegraph's documentLoaded events as JSON lines.")
    parser.add_argument("--url", default=os.environ.get("STANCEGRAPH_URL", "ws://127.0.0.1:4000/graphql"))
    parser.add_argument("--token", default=os.environ.get("STANCEGRAPH_READ_TOKEN") or None)
    parser.add_argument("--count", type=int, default=None, help="exit after this many events")
    args = parser.parse_args()
    try:
        asyncio.run(follow(ws_url(args.url), args.token, args.count))
    except KeyboardInterrupt:
        return 0
    except Refused as refused:
        print(f"subscribe.py: {refused}", file=sys.stderr, flush=True)
        return 2
    except Exception as error:  # noqa: BLE001 - the one place that reports any failure and its kind
        print(f"subscribe.py: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
