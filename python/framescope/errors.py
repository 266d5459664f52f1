"""The exceptions of framescope: each says where the problem is and what to do about it."""

from ._framescope import CountsError, LexiconError

__all__ = [
    "FramescopeError",
    "InputError",
    "ColumnNotFoundError",
    "ColumnTypeError",
    "NullTextError",
    "NullIdError",
    "SkippedRecordsError",
    "LexiconError",
    "CountsError",
]


class FramescopeError(Exception):
    """Any problem framescope reports."""


class InputError(FramescopeError, ValueError):
    """A batch of articles that cannot be scored as given."""


class ColumnNotFoundError(InputError, KeyError):
    """A column named (text_col, id_col, ...) is not in the batch."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ColumnTypeError(InputError, TypeError):
    """A column holds values of a type it cannot hold (numbers in the text column, say)."""


class NullTextError(InputError):
    """A record's text is null (missing)."""


class NullIdError(InputError):
    """A record's id is null (missing)."""


class SkippedRecordsError(InputError):
    """Records that were read but could not be scored; ``skipped`` lists ``(where, why)``."""

    def __init__(self, message, skipped):
        super().__init__(message)
        self.skipped = list(skipped)
