"""The public surface: ``__all__`` names exist and every public name of the package is in it."""

import sitrep


def test_all_names_exist():
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name


def test_all_is_complete():
    public = {n for n in vars(sitrep) if not n.startswith("_") and not isinstance(getattr(sitrep, n), type(sitrep))}
    assert public <= set(sitrep.__all__), public - set(sitrep.__all__)
