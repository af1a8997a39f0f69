"""`python -m bot.serving.cluster` (what `make cluster` runs): start everything, keep it running.

Starts, all on 127.0.0.1: PostgreSQL and Redis, the action servers, the Rasa
replicas, and nginx in front (the widget and REST webhooks, and the demo host
page on its own origin). Crashed replicas and action servers are restarted.
SIGTERM, SIGINT or SIGHUP, however often they arrive, stop everything started here.
"""

from __future__ import annotations

import argparse
import sys

from bot.serving.cluster.config import ClusterConfig
from bot.serving.cluster.run import Cluster, ClusterAlreadyRunningError, install_stop_signals


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.serving.cluster", description=__doc__)
    parser.add_argument("--replicas", type=int, default=None, help="Rasa replicas (default: REPLICAS or 2)")
    args = parser.parse_args()
    config = ClusterConfig() if args.replicas is None else ClusterConfig(replicas=args.replicas)
    cluster = Cluster(config)
    install_stop_signals()
    try:
        cluster.start()
        cluster.print_addresses()
        cluster.supervise()
        return 0
    except KeyboardInterrupt:
        print("\nStopping the cluster ...", flush=True)
        return 0
    except ClusterAlreadyRunningError as err:
        print(err, file=sys.stderr)
        return 1
    except Exception as err:  # a service that would not start: say which, then clean up
        print(f"Could not start the cluster: {err}", file=sys.stderr)
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
