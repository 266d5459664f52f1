"""What the engine adapters share: one Scorer per worker process, and the output schema."""

import pyarrow as pa

from . import Scorer

_scorers = {}


def scorer_for(lexicons, lexicon_dir, jobs):
    """The Scorer of these settings in this process, compiled on first use."""
    key = (tuple(lexicons or ()), lexicon_dir, jobs)
    if key not in _scorers:
        _scorers[key] = Scorer(list(lexicons or ()) or None, lexicon_dir, jobs)
    return _scorers[key]


def nullable(schema):
    """The schema with every field nullable, as engines declare their columns."""
    return pa.schema([f.with_nullable(True) for f in schema])
