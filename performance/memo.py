"""Markup remembered per process, for fragments that are a pure function of their key."""


class MarkupMemo:
    """Markup by key, made once per process. Only for markup that the key fully determines:
    nothing can then go stale, and nothing needs clearing when content changes (a change gives
    a new key). Emptied when full, which bounds memory without the bookkeeping of an LRU."""

    def __init__(self, size):
        self.size = size
        self.markup = {}

    def get_or_make(self, key, make):
        markup = self.markup.get(key)
        if markup is None:
            if len(self.markup) >= self.size:
                self.markup.clear()
            markup = self.markup[key] = make()
        return markup

    def clear(self):
        self.markup.clear()
