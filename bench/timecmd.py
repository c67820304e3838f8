#!/usr/bin/env python3
"""timecmd.py OUT CMD...: run CMD (stdout and stderr inherited), write
"WALL CPU" seconds to OUT with microsecond resolution (CPU = the child's
user + system time from wait4), and exit with CMD's status.  /usr/bin/time
reports 10 ms steps, too coarse for runs of a few hundred milliseconds."""
import os
import sys
import time

out, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    except OSError as e:
        sys.stderr.write("timecmd: %s: %s\n" % (cmd[0], e))
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.monotonic() - t0
with open(out, "w") as fh:
    fh.write("%.6f %.6f\n" % (wall, ru.ru_utime + ru.ru_stime))
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
