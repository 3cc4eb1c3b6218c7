"""Values remembered per process (markup, addresses) that are a pure function of their key."""


class Memo:
    """Values by key, made once per process. Only for values that the key fully determines:
    nothing can then go stale, and nothing needs clearing when content changes (a change gives
    a new key). Emptied when full, which bounds memory without the bookkeeping of an LRU."""

    def __init__(self, size):
        self.size = size
        self.values = {}

    def get_or_make(self, key, make):
        value = self.values.get(key)
        if value is None:
            if len(self.values) >= self.size:
                self.values.clear()
            value = self.values[key] = make()
        return value

    def clear(self):
        self.values.clear()
