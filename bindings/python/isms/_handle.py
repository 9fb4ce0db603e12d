"""Python objects that own one C handle."""

import weakref


class _Handle:
    """Owns one C handle and frees it exactly once, when the object goes away.

    A subclass sets ``_free`` to the C function that releases its handle, and extends
    ``_adopt_into`` when it keeps more state. The handle is not freed at interpreter exit,
    when other objects being torn down might still reach it (the process's memory goes back
    to the system anyway).
    """

    __slots__ = ("_ptr", "_finalizer", "__weakref__")
    _free = None

    def _adopt_into(self, ptr):
        self._ptr = ptr
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)
        self._finalizer.atexit = False

    @classmethod
    def _adopt(cls, ptr):
        """Wraps a handle whose ownership passes to the new object."""
        self = object.__new__(cls)
        self._adopt_into(ptr)
        return self
