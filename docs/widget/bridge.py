#!/usr/bin/env python3
"""Example bridge between a web chat widget and `shopassist serve`.

Runs the engine as a subprocess speaking JSON-RPC 2.0 over stdin/stdout (one JSON
object per line) and relays the page's requests to it over HTTP:

    GET  /       the widget page (index.html beside this file)
    POST /rpc    one JSON-RPC request object; the engine's reply comes back as the body

Standard library only. Listens on 127.0.0.1.

    python3 docs/widget/bridge.py --port 8765 -- .build/debug/shopassist serve --store /tmp/shop.sqlite
"""
import argparse
import itertools
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))


class Engine:
    """One `shopassist serve` process; requests are matched to replies by id."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.lock = threading.Lock()
        self.waiting = {}
        self.ids = itertools.count(1)
        self.log = []  # (method, params) of every request relayed, for tests
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.process.stdout:
            try:
                reply = json.loads(raw)
            except ValueError:
                print("bridge: engine wrote a non-JSON line: %r" % raw[:200], file=sys.stderr)
                continue
            slot = self.waiting.pop(reply.get("id"), None)
            if slot is not None:
                slot["reply"] = reply
                slot["done"].set()

    def call(self, method, params, timeout=60):
        request_id = "b%d" % next(self.ids)
        slot = {"done": threading.Event(), "reply": None}
        self.waiting[request_id] = slot
        line = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}) + "\n"
        with self.lock:
            self.log.append((method, params))
            self.process.stdin.write(line.encode("utf-8"))
            self.process.stdin.flush()
        if not slot["done"].wait(timeout):
            self.waiting.pop(request_id, None)
            return {"jsonrpc": "2.0", "id": None, "error": {"code": -32000, "message": "the engine did not answer in time"}}
        return slot["reply"]


def make_handler(engine):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            sys.stderr.write("bridge: " + (fmt % args) + "\n")

        def _send(self, status, body, content_type):
            data = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.split("?")[0] in ("/", "/index.html"):
                with open(os.path.join(HERE, "index.html"), "rb") as f:
                    self._send(200, f.read(), "text/html; charset=utf-8")
            elif self.path == "/log":
                self._send(200, json.dumps(engine.log), "application/json")
            else:
                self._send(404, "not found", "text/plain")

        def do_POST(self):
            if self.path != "/rpc":
                return self._send(404, "not found", "text/plain")
            length = int(self.headers.get("Content-Length") or 0)
            if length > 1 << 20:
                return self._send(413, "request too large", "text/plain")
            try:
                request = json.loads(self.rfile.read(length))
                method, params = request["method"], request.get("params", {})
            except (ValueError, KeyError, TypeError):
                return self._send(400, json.dumps({"error": "expected a JSON-RPC request object"}), "application/json")
            self._send(200, json.dumps(engine.call(method, params)), "application/json")

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the engine command (after --)")
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"] or ["shopassist", "serve"]
    engine = Engine(command)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(engine))
    print("bridge: http://127.0.0.1:%d/ -> %s" % (server.server_address[1], " ".join(command)), file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        engine.process.stdin.close()
        engine.process.wait(timeout=10)


if __name__ == "__main__":
    main()
