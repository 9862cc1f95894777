"""The live server, made to answer one request at a time on in-memory SQLite.

With an in-memory database every request thread of Django's live server uses
the test's one connection (there is no other way to see the same database).
Two requests at once, such as the quiz's autosave and its "Submit answers",
then run inside each other's transaction, and one's rollback undoes the
other's grading: a failure no real server can have. Real SQLite serialises
writes anyway, so answering one request at a time changes nothing a test
asserts. The lock is around the application, not the connection, so the
browser's idle keep-alive connections never hold it.
"""

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class OneRequestAtATimeServer(ThreadedWSGIServer):
    _application_lock = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)

        def one_at_a_time(environ, start_response):
            with self._application_lock:
                return application(environ, start_response)

        return super().set_app(one_at_a_time)


def install() -> None:
    LiveServerThread.server_class = OneRequestAtATimeServer
