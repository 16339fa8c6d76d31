"""inflect's answers kept between runs are inflect's answers, and a warm cache spares its import."""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit.questions import inflected, noun_phrases

ASKED = [("number_to_words", 3), ("number_to_words", 10), ("a", "hour"), ("a", "union"),
         ("singular_noun", "proposals"), ("singular_noun", "report"), ("plural_verb", "does"),
         ("plural_noun", "government")]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STUDYKIT_CACHE", str(folder))
    inflected.forget()
    yield folder
    inflected.forget()


def test_every_answer_is_inflects_whether_asked_or_read_back(cache, monkeypatch):
    engine = inflected.engine()
    expected = [getattr(engine, function)(argument) for function, argument in ASKED]
    assert [inflected.ask(f, a) for f, a in ASKED] == expected
    inflected.forget()
    monkeypatch.setattr(inflected, "engine", lambda: pytest.fail("asked inflect again"))
    assert [inflected.ask(f, a) for f, a in ASKED] == expected  # all from the file


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xff\x00", None])
def test_a_damaged_or_foreign_file_means_asking_again(cache, damage):
    import marshal

    from studykit import usercache

    inflected.ask("singular_noun", "proposals")
    inflected.flush()  # written as the process ends
    (path,) = [p for p in (cache / "inflect").iterdir()]
    path.write_bytes(usercache.sealed(path.name, marshal.dumps({("singular_noun", "proposals"): ["not", "an", "answer"]}))
                     if damage is None else damage)  # None: a whole entry of the wrong shape
    inflected.forget()
    assert inflected.ask("singular_noun", "proposals") == "proposal"
    inflected.flush()
    written = usercache.unsealed(path.name, path.read_bytes())
    assert marshal.loads(written)[("singular_noun", "proposals")] == "proposal"  # written whole


def test_another_installed_inflect_reads_another_file(cache, monkeypatch):
    inflected.ask("a", "hour")
    inflected.flush()
    monkeypatch.setattr(inflected, "_library_stamp", lambda: "another inflect")
    inflected.forget()
    monkeypatch.setattr(inflected, "engine", lambda: type("E", (), {"a": staticmethod(lambda w: "asked")})())
    assert inflected.ask("a", "hour") == "asked"
    inflected.flush()
    assert len(list((cache / "inflect").iterdir())) == 2


def test_an_empty_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    inflected.forget()
    assert noun_phrases.article("hour") == "an hour"
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()
    inflected.forget()


def test_new_answers_are_written_once_as_the_run_ends(cache, monkeypatch):
    """One write for a run's new words, not one per word (a course asks thousands)."""
    from studykit import usercache

    writes = []
    real = usercache.write_atomically
    monkeypatch.setattr(usercache, "write_atomically", lambda path, data: writes.append(path) or real(path, data))
    for n in range(40):
        inflected.ask("number_to_words", n)
    assert writes == []
    inflected.flush()
    inflected.flush()  # nothing new since
    assert len(writes) == 1
    inflected.forget()
    assert inflected.ask("number_to_words", 39) == "thirty-nine"


def test_the_file_keeps_the_newest_answers_up_to_its_limit(cache, monkeypatch):
    import marshal

    monkeypatch.setattr(inflected, "KEPT", 5)
    for n in range(8):
        inflected.ask("number_to_words", n)
    inflected.flush()
    from studykit import usercache

    (path,) = [p for p in (cache / "inflect").iterdir()]
    assert sorted(marshal.loads(usercache.unsealed(path.name, path.read_bytes()))) == [("number_to_words", n) for n in range(3, 8)]
