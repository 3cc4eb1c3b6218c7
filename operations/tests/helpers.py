import socket


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache_settings(port, db=0):
    return {
        "default": {
            "BACKEND": "operations.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/{db}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
