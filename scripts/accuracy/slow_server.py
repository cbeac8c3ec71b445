#!/usr/bin/python3
"""A host that stalls: every request waits DELAY seconds before a small answer. It stands for a
district's overloaded mirror (linked) and for a submitted page that never answers in time.
Bounded: it exits by itself after LIFETIME seconds even if nobody stops it.

  slow_server.py PORT [DELAY=8] [LIFETIME=900]
"""
import http.server
import sys
import threading
import time

PORT = int(sys.argv[1])
DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 8.0
LIFETIME = float(sys.argv[3]) if len(sys.argv) > 3 else 900.0


class Stall(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(DELAY)
        body = ("<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>สำรอง</title></head>"
                "<body><p>เอกสารสำรอง</p></body></html>").encode("utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first, as it should

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Stall)
server.daemon_threads = True
threading.Timer(LIFETIME, server.shutdown).start()
server.serve_forever()
