"""A small load generator for the fault drills: some threads request the site's pages in a loop
and count the answers per phase. The driving script names the current phase in a file (for
example "before", "during", "after") and writes "stop" to end; each answer counts for the phase
named when it arrived, and each phase's counts are printed at the end.

    python ops/load.py --base http://127.0.0.1:8113 --phase-file /tmp/phase /en/ /fi/ /healthz
"""

import argparse
import http.client
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit


def read_phase(path):
    try:
        return path.read_text().strip() or "-"
    except FileNotFoundError:
        return "-"


def worker(base, paths, phase_file, results, lock, offset):
    host, port = base.hostname, base.port or 80
    conn = None
    i = offset
    while read_phase(phase_file) != "stop":
        path = paths[i % len(paths)]
        i += 1
        phase_at_start = read_phase(phase_file)
        started = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=10)
            conn.request("GET", path, headers={"Host": base.netloc})
            response = conn.getresponse()
            response.read()
            outcome = str(response.status)
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as error:
            outcome = f"no answer ({type(error).__name__})"
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        phase = read_phase(phase_file)
        if phase == "stop":
            phase = phase_at_start
        with lock:
            results[phase].append((outcome, elapsed))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--phase-file", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    results = defaultdict(list)
    lock = threading.Lock()
    threads = [
        threading.Thread(
            target=worker,
            args=(urlsplit(args.base), args.paths, args.phase_file, results, lock, n),
        )
        for n in range(args.concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(f"{'phase':<14} {'requests':>8} {'ok':>6} {'errors':>6}  {'slowest':>8}  answers")
    for phase, entries in results.items():
        answers = Counter(outcome for outcome, _ in entries)
        ok = sum(count for outcome, count in answers.items() if outcome[:1] in {"2", "3"})
        slowest = max(elapsed for _, elapsed in entries)
        detail = ", ".join(f"{outcome}: {count}" for outcome, count in sorted(answers.items()))
        print(
            f"{phase:<14} {len(entries):>8} {ok:>6} {len(entries) - ok:>6}  {slowest:>7.2f}s  {detail}"
        )


if __name__ == "__main__":
    main()
