"""Python objects that own one C handle."""

import weakref


class _Handle:
    """Owns one C handle and frees it exactly once, when the object goes away.

    A subclass sets ``_free`` to the C function that releases its handle, and extends
    ``_adopt_into`` when it keeps more state. The handle is not freed at interpreter exit,
    when other objects being torn down might still reach it (the process's memory goes back
    to the system anyway).
    """

    __slots__ = ("_ptr", "_finalizer", "_owner", "__weakref__")
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

    @classmethod
    def _borrow(cls, ptr, owner):
        """Wraps a handle that `owner` (another Python object) owns and frees: this object
        never frees it, and keeps `owner` alive while it lives."""
        self = cls._adopt(ptr)
        self._finalizer.detach()
        self._owner = owner
        return self

    def _give_to(self, owner):
        """The handle's ownership passed to `owner` (a C call took it): it is no longer
        freed here, and `owner` is kept alive while this object lives."""
        self._finalizer.detach()
        self._owner = owner

    def _orphan(self):
        """The owner freed the handle: later calls on this object fail cleanly (the C
        functions refuse a NULL handle) instead of reaching freed memory."""
        self._finalizer.detach()
        self._ptr = None
        self._owner = None
